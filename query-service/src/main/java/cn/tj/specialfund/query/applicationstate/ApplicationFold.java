package cn.tj.specialfund.query.applicationstate;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.projection.TokenPositions;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.util.UUID;

/**
 * How one event changes one application. The single place where events become application state: the
 * projections, the rebuild and the auditors' as-of view all fold with it.
 */
public final class ApplicationFold {

    private ApplicationFold() {
    }

    /** The application an event of the ledger belongs to, or null for anything else. */
    public static UUID applicationId(Object payload) {
        if (payload instanceof ApplicationSubmitted e) {
            return e.applicationId();
        } else if (payload instanceof DistrictApproved e) {
            return e.applicationId();
        } else if (payload instanceof DistrictRejected e) {
            return e.applicationId();
        } else if (payload instanceof ApplicationScored e) {
            return e.applicationId();
        } else if (payload instanceof ApplicationAwarded e) {
            return e.applicationId();
        } else if (payload instanceof ApplicationNotSelected e) {
            return e.applicationId();
        } else if (payload instanceof AwardToppedUp e) {
            return e.applicationId();
        } else if (payload instanceof DisbursementRecorded e) {
            return e.applicationId();
        } else if (payload instanceof DisbursementReversed e) {
            return e.applicationId();
        }
        return null;
    }

    public static ApplicationState apply(ApplicationState current, EventMessage<?> message) {
        return apply(current, message.getPayload(), message.getTimestamp(), TokenPositions.positionOf(message));
    }

    /** The state after {@code payload}; {@code current} is null before ApplicationSubmitted. */
    public static ApplicationState apply(ApplicationState s, Object payload, Instant at, long position) {
        if (payload instanceof ApplicationSubmitted e) {
            if (s != null) {
                throw new IllegalStateException("application " + e.applicationId() + " submitted twice");
            }
            ApplicationForm form = e.form();
            return new ApplicationState(e.applicationId(), form.projectName(), form.applicant().name(),
                    form.direction(), form.applicant().district(), form.applicant().creditCode().value(),
                    ApplicationStatus.SUBMITTED, null, e.claimableTier(), null, e.eligibleInvestment(),
                    e.requestedSpecialFunds(), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, at,
                    position, at);
        }
        if (s == null) {
            throw new IllegalStateException("event " + payload.getClass().getSimpleName() + " of application "
                    + applicationId(payload) + " before its submission");
        }
        if (payload instanceof DistrictApproved) {
            return withStatus(s, ApplicationStatus.DISTRICT_APPROVED, at);
        }
        if (payload instanceof DistrictRejected) {
            return withStatus(s, ApplicationStatus.DISTRICT_REJECTED, at);
        }
        if (payload instanceof ApplicationNotSelected) {
            return withStatus(s, ApplicationStatus.NOT_SELECTED, at);
        }
        if (payload instanceof ApplicationScored e) {
            return new ApplicationState(s.id(), s.projectName(), s.applicantName(), s.direction(), s.district(),
                    s.creditCode(), ApplicationStatus.SCORED, s.tier(), s.claimableTier(), e.score(),
                    s.eligibleInvestment(), s.requestedSpecialFunds(), s.awardedAmount(), s.topUpAmount(),
                    s.municipalShare(), s.districtShare(), s.municipalPaid(), s.districtPaid(), s.submittedAt(),
                    s.submissionPosition(), at);
        }
        if (payload instanceof ApplicationAwarded e) {
            return new ApplicationState(s.id(), s.projectName(), s.applicantName(), s.direction(), s.district(),
                    s.creditCode(), ApplicationStatus.AWARDED, e.tier(), s.claimableTier(), s.score(),
                    s.eligibleInvestment(), s.requestedSpecialFunds(), e.amount(), Money.ZERO, e.municipalShare(),
                    e.districtShare(), s.municipalPaid(), s.districtPaid(), s.submittedAt(), s.submissionPosition(),
                    at);
        }
        if (payload instanceof AwardToppedUp e) {
            return new ApplicationState(s.id(), s.projectName(), s.applicantName(), s.direction(), s.district(),
                    s.creditCode(), ApplicationStatus.TOPPED_UP, Tier.MIIT_PILOT, s.claimableTier(), s.score(),
                    s.eligibleInvestment(), s.requestedSpecialFunds(), s.awardedAmount(), e.topUpAmount(),
                    s.municipalShare().plus(e.municipalShare()), s.districtShare().plus(e.districtShare()),
                    s.municipalPaid(), s.districtPaid(), s.submittedAt(), s.submissionPosition(), at);
        }
        // the events carry their source's paid figure after them, as the command side checked it
        if (payload instanceof DisbursementRecorded e) {
            return withPaid(s, e.source(), e.paid(), at);
        }
        if (payload instanceof DisbursementReversed e) {
            return withPaid(s, e.source(), e.paid(), at);
        }
        return s;
    }

    private static ApplicationState withStatus(ApplicationState s, ApplicationStatus status, Instant at) {
        return new ApplicationState(s.id(), s.projectName(), s.applicantName(), s.direction(), s.district(),
                s.creditCode(), status, s.tier(), s.claimableTier(), s.score(), s.eligibleInvestment(),
                s.requestedSpecialFunds(), s.awardedAmount(), s.topUpAmount(), s.municipalShare(),
                s.districtShare(), s.municipalPaid(), s.districtPaid(), s.submittedAt(), s.submissionPosition(), at);
    }

    private static ApplicationState withPaid(ApplicationState s, FundingSource source, Money paid, Instant at) {
        boolean city = source == FundingSource.MUNICIPAL;
        return new ApplicationState(s.id(), s.projectName(), s.applicantName(), s.direction(), s.district(),
                s.creditCode(), s.status(), s.tier(), s.claimableTier(), s.score(), s.eligibleInvestment(),
                s.requestedSpecialFunds(), s.awardedAmount(), s.topUpAmount(), s.municipalShare(),
                s.districtShare(), city ? paid : s.municipalPaid(), city ? s.districtPaid() : paid, s.submittedAt(),
                s.submissionPosition(), at);
    }
}
