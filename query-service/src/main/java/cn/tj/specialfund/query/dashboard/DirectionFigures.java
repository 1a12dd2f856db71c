package cn.tj.specialfund.query.dashboard;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;

import cn.tj.specialfund.query.applicationstate.ApplicationState;
import java.math.BigDecimal;

/** What one application adds to its direction's row of the dashboard; rows are sums of these. */
record DirectionFigures(long submitted, long districtApproved, long scored, long awarded, long notSelected,
                        long districtRejected, BigDecimal awardedAmount, BigDecimal topUpAmount,
                        BigDecimal totalSupport) {

    static final DirectionFigures NONE = new DirectionFigures(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    static DirectionFigures of(ApplicationState s) {
        if (s == null) {
            return NONE;
        }
        return new DirectionFigures(1, s.wasDistrictApproved() ? 1 : 0, s.wasScored() ? 1 : 0,
                s.isAwarded() ? 1 : 0, s.status() == ApplicationStatus.NOT_SELECTED ? 1 : 0,
                s.status() == ApplicationStatus.DISTRICT_REJECTED ? 1 : 0, s.awardedAmount().amount(),
                s.topUpAmount().amount(), s.totalSupport().amount());
    }

    DirectionFigures plus(DirectionFigures o) {
        return new DirectionFigures(submitted + o.submitted, districtApproved + o.districtApproved, scored + o.scored,
                awarded + o.awarded, notSelected + o.notSelected, districtRejected + o.districtRejected,
                awardedAmount.add(o.awardedAmount), topUpAmount.add(o.topUpAmount), totalSupport.add(o.totalSupport));
    }

    DirectionFigures minus(DirectionFigures o) {
        return plus(new DirectionFigures(-o.submitted, -o.districtApproved, -o.scored, -o.awarded, -o.notSelected,
                -o.districtRejected, o.awardedAmount.negate(), o.topUpAmount.negate(), o.totalSupport.negate()));
    }

    boolean isZero() {
        return equals(NONE) || (submitted == 0 && districtApproved == 0 && scored == 0 && awarded == 0
                && notSelected == 0 && districtRejected == 0 && awardedAmount.signum() == 0
                && topUpAmount.signum() == 0 && totalSupport.signum() == 0);
    }
}
