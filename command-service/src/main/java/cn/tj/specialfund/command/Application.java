package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationNotSelected;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.DistrictRejected;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RecordDisbursement;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ReverseDisbursement;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.ApplicationStatus;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Shares;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.UUID;

import static cn.tj.specialfund.coreapi.value.ApplicationStatus.AWARDED;
import static cn.tj.specialfund.coreapi.value.ApplicationStatus.DISTRICT_APPROVED;
import static cn.tj.specialfund.coreapi.value.ApplicationStatus.SCORED;
import static cn.tj.specialfund.coreapi.value.ApplicationStatus.SUBMITTED;
import static cn.tj.specialfund.coreapi.value.ApplicationStatus.TOPPED_UP;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One application to the call, from submission to top-up. Every command is checked in the contract's
 * order: who may act (403), whether the application's state allows it (409), then the rules of the call (422).
 */
@Aggregate
class Application {

    private static final ProgramRules RULES = ProgramRules.CALL_2020;

    @AggregateIdentifier
    private UUID applicationId;
    private ApplicationForm form;
    private Money eligibleInvestment;
    private Money requestedSpecialFunds;
    private ApplicationStatus status;
    private Tier tier;
    private Money awarded;
    private Disbursements disbursements;

    Application() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Application(SubmitApplication command, MetaData metaData, ApplicantRegistry applicants) {
        ApplicationForm form = command.form();
        Actor actor = Actor.fromMetaData(metaData);
        if (!actor.is(Role.ADMIN) && !actor.isOfficerOf(form.applicant().district())) {
            throw forbidden("只有" + form.applicant().district().displayName() + "主管部门或管理员可以提交该区的申报",
                    "only an officer of " + form.applicant().district() + " or an admin may submit");
        }
        applicants.register(form.applicant().creditCode(), command.applicationId());
        RULES.checkSubmission(form);
        apply(new ApplicationSubmitted(command.applicationId(), form, RULES.eligibleInvestment(form.expenditures()),
                RULES.requestedSpecialFunds(form), RULES.claimableTier(form)));
    }

    @CommandHandler
    ApplicationStatus handle(ApproveInDistrict command, MetaData metaData) {
        requireDistrictOfficer(metaData);
        requireStatus(SUBMITTED);
        RULES.checkDistrictApproval(command.matchingCommitted());
        apply(new DistrictApproved(applicationId, district(), true, command.comment()));
        return status;
    }

    @CommandHandler
    ApplicationStatus handle(RejectInDistrict command, MetaData metaData) {
        requireDistrictOfficer(metaData);
        requireStatus(SUBMITTED);
        apply(new DistrictRejected(applicationId, district(), command.comment()));
        return status;
    }

    /** The third-party review may score again until the manager decides; the latest score counts. */
    @CommandHandler
    ApplicationStatus handle(ScoreApplication command, MetaData metaData) {
        requireRole(metaData, Role.REVIEWER);
        requireStatus(DISTRICT_APPROVED, SCORED);
        apply(new ApplicationScored(applicationId, command.score(), command.reviewer()));
        return status;
    }

    @CommandHandler
    ApplicationAwarded handle(AwardApplication command, MetaData metaData, AwardSlots slots) {
        requireRole(metaData, Role.PROGRAM_MANAGER);
        requireStatus(SCORED);
        slots.reserve(direction(), applicationId);
        RULES.checkAwardTier(form, command.tier());
        Money amount = RULES.awardAmount(requestedSpecialFunds, command.tier(), eligibleInvestment);
        Shares shares = RULES.split(amount);
        ApplicationAwarded awarded = new ApplicationAwarded(applicationId, direction(), district(), command.tier(),
                amount, shares.municipalShare(), shares.districtShare());
        apply(awarded);
        return awarded;
    }

    @CommandHandler
    ApplicationStatus handle(RejectApplication command, MetaData metaData) {
        requireRole(metaData, Role.PROGRAM_MANAGER);
        requireStatus(SCORED);
        apply(new ApplicationNotSelected(applicationId, command.reason()));
        return status;
    }

    /** 二(四): a city-funded project later selected as an MIIT pilot is brought up to the MIIT ceiling, once. */
    @CommandHandler
    AwardToppedUp handle(TopUpAward command, MetaData metaData) {
        requireRole(metaData, Role.PROGRAM_MANAGER);
        if (status != AWARDED || tier != Tier.MUNICIPAL) {
            throw new RuleViolation(ErrorCode.INVALID_STATE, new Detail(
                    "只有按市级示范项目立项支持的项目可以补齐差额；该项目当前状态为" + status.displayName()
                            + (tier == null ? "" : "（" + tier.displayName() + "项目）"),
                    "only a MUNICIPAL award can be topped up; the application is " + status
                            + (tier == null ? "" : " (" + tier + ")")));
        }
        RULES.checkTopUpPilot(command.miitPilot());
        Money topUp = RULES.topUpAmount(eligibleInvestment, awarded);
        if (topUp.isZero()) {
            throw new RuleViolation(ErrorCode.NOTHING_TO_TOP_UP, new Detail(
                    "已立项支持 " + awarded.grouped() + " 元，已达到工信部试点示范项目支持上限，无差额可补",
                    "the award of " + awarded.grouped() + " already reaches the MIIT_PILOT ceiling"));
        }
        Shares shares = RULES.split(topUp);
        AwardToppedUp toppedUp = new AwardToppedUp(applicationId, direction(), district(), command.miitPilot(),
                command.reviewReference(), topUp, shares.municipalShare(), shares.districtShare(), awarded.plus(topUp));
        apply(toppedUp);
        return toppedUp;
    }

    /**
     * §8: the city pays its share (FINANCE), the district its matching share (its officer), each payment within
     * what that source still owes and dated between the first award and today, its voucher used once.
     */
    @CommandHandler
    DisbursementRecorded handle(RecordDisbursement command, MetaData metaData, VoucherRegistry vouchers) {
        requirePayer(metaData, command.source());
        requireStatus(AWARDED, TOPPED_UP);
        vouchers.register(command.voucher(), applicationId, command.disbursementId());
        RULES.checkDisbursement(command.source(), command.amount(), disbursements.outstanding(command.source()),
                command.paidOn(), disbursements.firstAwardedOn(), RULES.callDate(now()));
        Money paid = disbursements.paid(command.source()).plus(command.amount());
        DisbursementRecorded recorded = new DisbursementRecorded(applicationId, command.disbursementId(), direction(),
                district(), command.source(), command.amount(), command.paidOn(), command.voucher(), paid,
                disbursements.outstanding(command.source()).minus(command.amount()));
        apply(recorded);
        return recorded;
    }

    /** A payment is taken back at most once, by the role that may record it. */
    @CommandHandler
    DisbursementReversed handle(ReverseDisbursement command, MetaData metaData) {
        Disbursements.Payment payment = disbursements == null ? null : disbursements.payment(command.disbursementId());
        if (payment == null) {
            throw new RuleViolation(ErrorCode.NOT_FOUND, new Detail(
                    "申报项目 " + applicationId + " 没有拨付记录 " + command.disbursementId(),
                    "application " + applicationId + " has no disbursement " + command.disbursementId()));
        }
        requirePayer(metaData, payment.source());
        if (payment.reversed()) {
            throw new RuleViolation(ErrorCode.INVALID_STATE, new Detail(
                    "拨付记录 " + command.disbursementId() + " 已冲销，不能再次冲销",
                    "disbursement " + command.disbursementId() + " is already reversed"));
        }
        DisbursementReversed reversed = new DisbursementReversed(applicationId, command.disbursementId(), direction(),
                district(), payment.source(), payment.amount(), command.reason(),
                disbursements.paid(payment.source()).minus(payment.amount()),
                disbursements.outstanding(payment.source()).plus(payment.amount()));
        apply(reversed);
        return reversed;
    }

    @EventSourcingHandler
    void on(ApplicationSubmitted event) {
        applicationId = event.applicationId();
        form = event.form();
        eligibleInvestment = event.eligibleInvestment();
        requestedSpecialFunds = event.requestedSpecialFunds();
        status = SUBMITTED;
        awarded = Money.ZERO;
        disbursements = new Disbursements();
    }

    @EventSourcingHandler
    void on(DistrictApproved event) {
        status = DISTRICT_APPROVED;
    }

    @EventSourcingHandler
    void on(DistrictRejected event) {
        status = ApplicationStatus.DISTRICT_REJECTED;
    }

    @EventSourcingHandler
    void on(ApplicationScored event) {
        status = SCORED;
    }

    @EventSourcingHandler
    void on(ApplicationAwarded event, @Timestamp Instant at) {
        status = AWARDED;
        tier = event.tier();
        awarded = event.amount();
        disbursements.commit(event.municipalShare(), event.districtShare(), RULES.callDate(at));
    }

    @EventSourcingHandler
    void on(ApplicationNotSelected event) {
        status = ApplicationStatus.NOT_SELECTED;
    }

    @EventSourcingHandler
    void on(AwardToppedUp event, @Timestamp Instant at) {
        status = TOPPED_UP;
        tier = Tier.MIIT_PILOT;
        awarded = event.totalSupport();
        disbursements.commit(event.municipalShare(), event.districtShare(), RULES.callDate(at));
    }

    @EventSourcingHandler
    void on(DisbursementRecorded event) {
        disbursements.record(event);
    }

    @EventSourcingHandler
    void on(DisbursementReversed event) {
        disbursements.reverse(event);
    }

    private District district() {
        return form.applicant().district();
    }

    private Direction direction() {
        return form.direction();
    }

    private void requireDistrictOfficer(MetaData metaData) {
        if (!Actor.fromMetaData(metaData).isOfficerOf(district())) {
            throw forbidden("只有" + district().displayName() + "主管部门可以审核该申报项目",
                    "only an officer of " + district() + " may review this application");
        }
    }

    /** The city's share is paid by FINANCE, the district's by an officer of the application's district. */
    private void requirePayer(MetaData metaData, FundingSource source) {
        Actor actor = Actor.fromMetaData(metaData);
        boolean allowed = source == FundingSource.MUNICIPAL ? actor.is(Role.FINANCE) : actor.isOfficerOf(district());
        if (!allowed) {
            throw source == FundingSource.MUNICIPAL
                    ? forbidden("市级资金拨付只能由财务部门登记", "only FINANCE records the city's payments")
                    : forbidden("区级配套资金拨付只能由" + district().displayName() + "主管部门登记",
                    "only an officer of " + district() + " records the district's payments");
        }
    }

    /**
     * "Today" is read from the clock Axon stamps events with, so a payment's date is judged on the same
     * calendar as the events around it (and a test fixture sets it).
     */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static void requireRole(MetaData metaData, Role role) {
        if (!Actor.fromMetaData(metaData).is(role)) {
            throw forbidden("此操作只能由" + role.displayName() + "角色执行", "only a " + role + " may do this");
        }
    }

    private void requireStatus(ApplicationStatus... allowed) {
        if (Arrays.stream(allowed).noneMatch(s -> s == status)) {
            throw new RuleViolation(ErrorCode.INVALID_STATE, new Detail(
                    "该项目当前状态为" + status.displayName() + "，此操作仅适用于状态为"
                            + Arrays.stream(allowed).map(ApplicationStatus::displayName).collect(Collectors.joining("、"))
                            + "的项目",
                    "the application is " + status + "; this needs " + Arrays.toString(allowed)));
        }
    }

    private static RuleViolation forbidden(String zh, String en) {
        return new RuleViolation(ErrorCode.FORBIDDEN, new Detail(zh, en));
    }
}
