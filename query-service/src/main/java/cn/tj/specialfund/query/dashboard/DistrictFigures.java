package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.rules.ProgramRules;

import cn.tj.specialfund.query.applicationstate.ApplicationState;
import java.math.BigDecimal;

/**
 * What one application adds to its district's row: awarded projects and support, the district's shares of
 * awards and top-ups (its matching obligation), and while undecided the district share of what it may cost.
 */
record DistrictFigures(long awardedProjects, BigDecimal totalSupport, BigDecimal municipalShare,
                       BigDecimal matchingObligation, BigDecimal pendingExposure) {

    static final DistrictFigures NONE = new DistrictFigures(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    static DistrictFigures of(ApplicationState s, ProgramRules rules) {
        if (s == null) {
            return NONE;
        }
        return new DistrictFigures(s.isAwarded() ? 1 : 0, s.totalSupport().amount(), s.municipalShare().amount(),
                s.districtShare().amount(), s.pendingDistrictExposure(rules).amount());
    }

    DistrictFigures plus(DistrictFigures o) {
        return new DistrictFigures(awardedProjects + o.awardedProjects, totalSupport.add(o.totalSupport),
                municipalShare.add(o.municipalShare), matchingObligation.add(o.matchingObligation),
                pendingExposure.add(o.pendingExposure));
    }

    DistrictFigures minus(DistrictFigures o) {
        return plus(new DistrictFigures(-o.awardedProjects, o.totalSupport.negate(), o.municipalShare.negate(),
                o.matchingObligation.negate(), o.pendingExposure.negate()));
    }

    boolean isZero() {
        return awardedProjects == 0 && totalSupport.signum() == 0 && municipalShare.signum() == 0
                && matchingObligation.signum() == 0 && pendingExposure.signum() == 0;
    }
}
