package cn.tj.specialfund.query.applications;

import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code application_view}, read through JPA; the projection writes it with batched JDBC. */
@Entity
@Immutable
@Table(name = "application_view")
class ApplicationEntity {

    @Id
    private String id;
    @Column(name = "project_name")
    private String projectName;
    @Column(name = "applicant_name")
    private String applicantName;
    private String direction;
    private String district;
    @Column(name = "credit_code")
    private String creditCode;
    private String status;
    private String tier;
    @Column(name = "claimable_tier")
    private String claimableTier;
    private BigDecimal score;
    @Column(name = "eligible_investment")
    private BigDecimal eligibleInvestment;
    @Column(name = "requested_special_funds")
    private BigDecimal requestedSpecialFunds;
    @Column(name = "awarded_amount")
    private BigDecimal awardedAmount;
    @Column(name = "top_up_amount")
    private BigDecimal topUpAmount;
    @Column(name = "municipal_share")
    private BigDecimal municipalShare;
    @Column(name = "district_share")
    private BigDecimal districtShare;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "submission_position")
    private long submissionPosition;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ApplicationEntity() {
    }

    District district() {
        return District.valueOf(district);
    }

    ApplicationState toState() {
        return new ApplicationState(UUID.fromString(id), projectName, applicantName, Direction.fromCode(direction),
                District.valueOf(district), creditCode, ApplicationStatus.valueOf(status),
                tier == null ? null : Tier.valueOf(tier), Tier.valueOf(claimableTier), score,
                Money.of(eligibleInvestment), Money.of(requestedSpecialFunds), Money.of(awardedAmount),
                Money.of(topUpAmount), Money.of(municipalShare), Money.of(districtShare), submittedAt,
                submissionPosition, updatedAt);
    }
}
