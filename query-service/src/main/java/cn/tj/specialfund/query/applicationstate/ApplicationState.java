package cn.tj.specialfund.query.applicationstate;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * One application as its events left it: what every read model about applications starts from. Built only
 * by {@link ApplicationFold}, so the live projections, a rebuild and an as-of query cannot disagree.
 *
 * @param tier               the awarded tier (MIIT_PILOT after a top-up), null until awarded
 * @param municipalPaid      what the city has paid of its share (§8), reversed payments taken back
 * @param districtPaid       what the district has paid of its matching share
 * @param submissionPosition the position of ApplicationSubmitted in the log, to order equal submission times
 */
public record ApplicationState(UUID id, String projectName, String applicantName, Direction direction,
                               District district, String creditCode, ApplicationStatus status, Tier tier,
                               Tier claimableTier, BigDecimal score, Money eligibleInvestment,
                               Money requestedSpecialFunds, Money awardedAmount, Money topUpAmount,
                               Money municipalShare, Money districtShare, Money municipalPaid,
                               Money districtPaid, Instant submittedAt, long submissionPosition, Instant updatedAt) {

    private static final Set<ApplicationStatus> APPROVED_ONCE = EnumSet.of(ApplicationStatus.DISTRICT_APPROVED,
            ApplicationStatus.SCORED, ApplicationStatus.AWARDED, ApplicationStatus.NOT_SELECTED,
            ApplicationStatus.TOPPED_UP);
    private static final Set<ApplicationStatus> SCORED_ONCE = EnumSet.of(ApplicationStatus.SCORED,
            ApplicationStatus.AWARDED, ApplicationStatus.NOT_SELECTED, ApplicationStatus.TOPPED_UP);

    /** 86.5, not 86.5000 or 8.65E+1: the score as the reviewer gave it, whatever the column's scale. */
    public static BigDecimal plainScore(BigDecimal score) {
        if (score == null) {
            return null;
        }
        BigDecimal stripped = score.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public Money totalSupport() {
        return awardedAmount.plus(topUpAmount);
    }

    /** Funnel stages are cumulative: the lifecycle only moves forward, so the status says what was reached. */
    public boolean wasDistrictApproved() {
        return APPROVED_ONCE.contains(status);
    }

    public boolean wasScored() {
        return SCORED_ONCE.contains(status);
    }

    public boolean isAwarded() {
        return status == ApplicationStatus.AWARDED || status == ApplicationStatus.TOPPED_UP;
    }

    /** Approved or scored, not yet decided: it may still cost its district a share of its potential award. */
    public boolean isPendingDecision() {
        return status == ApplicationStatus.DISTRICT_APPROVED || status == ApplicationStatus.SCORED;
    }

    /** The district's share (1:1 split) of {@code min(requested, ceiling(claimable tier))} while undecided. */
    public Money pendingDistrictExposure(ProgramRules rules) {
        if (!isPendingDecision()) {
            return Money.ZERO;
        }
        Money potential = rules.potentialAward(requestedSpecialFunds, claimableTier, eligibleInvestment);
        return rules.split(potential).districtShare();
    }
}
