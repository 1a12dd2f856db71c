package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;

import cn.tj.specialfund.query.applicationstate.ApplicationState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON of one application (GET /api/applications/{id}, the list items and /as-of). Amounts 0 where none;
 * {@code municipalPaid} and {@code districtPaid} are what each share has been paid (§8).
 */
public record ApplicationView(UUID id, String projectName, String applicantName, Direction direction,
                              District district, String creditCode, ApplicationStatus status, Tier tier,
                              Tier claimableTier, BigDecimal score, Money eligibleInvestment,
                              Money requestedSpecialFunds, Money awardedAmount, Money topUpAmount,
                              Money totalSupport, Money municipalShare, Money districtShare, Money municipalPaid,
                              Money districtPaid, Instant submittedAt, Instant updatedAt) {

    public static ApplicationView of(ApplicationState s) {
        return new ApplicationView(s.id(), s.projectName(), s.applicantName(), s.direction(), s.district(),
                s.creditCode(), s.status(), s.tier(), s.claimableTier(), ApplicationState.plainScore(s.score()),
                s.eligibleInvestment(), s.requestedSpecialFunds(), s.awardedAmount(), s.topUpAmount(),
                s.totalSupport(), s.municipalShare(), s.districtShare(), s.municipalPaid(), s.districtPaid(),
                s.submittedAt(), s.updatedAt());
    }
}
