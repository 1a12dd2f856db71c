package cn.tj.specialfund.command;

import cn.tj.specialfund.coreapi.ApplicationAwarded;
import cn.tj.specialfund.coreapi.ApplicationScored;
import cn.tj.specialfund.coreapi.ApplicationSubmitted;
import cn.tj.specialfund.coreapi.AwardToppedUp;
import cn.tj.specialfund.coreapi.DisbursementRecorded;
import cn.tj.specialfund.coreapi.DisbursementReversed;
import cn.tj.specialfund.coreapi.DistrictApproved;
import cn.tj.specialfund.coreapi.RecordDisbursement;
import cn.tj.specialfund.coreapi.ReverseDisbursement;
import cn.tj.specialfund.coreapi.rules.Detail;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.coreapi.rules.RuleViolation;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.MiitPilot;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.PilotProgramme;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.tj.specialfund.command.ApplicationTest.violation;
import static cn.tj.specialfund.coreapi.value.FundingSource.DISTRICT;
import static cn.tj.specialfund.coreapi.value.FundingSource.MUNICIPAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of §8, given / when / then: a 1 200 000 municipal award (600 000 + 600 000), made on 2020-12-16
 * in Beijing (2020-12-15T17:00Z), and payments judged on 2021-06-01.
 */
class DisbursementTest {

    private static final UUID ID = UUID.fromString("6f1c2a9e-7d0b-4c55-9a57-3e1f7c1d2b40");
    private static final UUID PAYMENT = UUID.fromString("0b5d7c3e-1111-4a2b-9c3d-5e6f7a8b9c0d");
    private static final UUID SECOND = UUID.fromString("0b5d7c3e-2222-4a2b-9c3d-5e6f7a8b9c0d");
    private static final Instant AWARDED_AT = Instant.parse("2020-12-15T17:00:00Z");
    private static final Instant TODAY = Instant.parse("2021-06-01T02:00:00Z");
    private static final LocalDate AWARD_DAY = LocalDate.of(2020, 12, 16);
    private static final Map<String, Object> FINANCE = Actor.of("finance", Role.FINANCE).asMetaData();
    private static final Map<String, Object> OFFICER = Actor.districtOfficer("district-xiqing", District.XIQING).asMetaData();
    private static final Map<String, Object> OTHER_OFFICER = Actor.districtOfficer("district-hexi", District.HEXI).asMetaData();
    private static final Map<String, Object> MANAGER = Actor.of("manager", Role.PROGRAM_MANAGER).asMetaData();
    private static final Map<String, Object> ADMIN = Actor.of("admin", Role.ADMIN).asMetaData();

    private FixtureConfiguration<Application> fixture;
    private final Set<String> usedVouchers = new HashSet<>();
    private final List<String> registered = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
        fixture.registerInjectableResource((ApplicantRegistry) (creditCode, applicationId) -> {
        });
        fixture.registerInjectableResource((AwardSlots) (direction, applicationId) -> {
        });
        fixture.registerInjectableResource((VoucherRegistry) (voucher, applicationId, disbursementId) -> {
            if (usedVouchers.contains(voucher)) {
                throw new RuleViolation(ErrorCode.DUPLICATE_VOUCHER, new Detail("凭证号已使用", "voucher used"));
            }
            registered.add(voucher);
        });
    }

    private TestExecutor<Application> givenAwarded(Object... later) {
        return fixture.givenCurrentTime(AWARDED_AT)
                .andGiven(new ApplicationSubmitted(ID, Forms.valid().build(), Money.of("6000000"), Money.of("1200000"),
                                Tier.MUNICIPAL),
                        new DistrictApproved(ID, District.XIQING, true, "推荐"),
                        new ApplicationScored(ID, new BigDecimal("86.5"), "第三方评审"),
                        new ApplicationAwarded(ID, Direction.D1_1, District.XIQING, Tier.MUNICIPAL, Money.of("1200000"),
                                Money.of("600000"), Money.of("600000")))
                .andGivenCurrentTime(TODAY)
                .andGiven(later);
    }

    private static RecordDisbursement pay(UUID id, FundingSource source, String amount, LocalDate paidOn, String voucher) {
        return new RecordDisbursement(ID, id, source, Money.of(amount), paidOn, voucher);
    }

    private static RecordDisbursement pay(FundingSource source, String amount) {
        return pay(PAYMENT, source, amount, LocalDate.of(2021, 1, 15), "津财指〔2021〕12号");
    }

    private static DisbursementRecorded recorded(UUID id, FundingSource source, String amount, String voucher,
                                                 String paid, String outstanding) {
        return new DisbursementRecorded(ID, id, Direction.D1_1, District.XIQING, source, Money.of(amount),
                LocalDate.of(2021, 1, 15), voucher, Money.of(paid), Money.of(outstanding));
    }

    private static DisbursementRecorded recorded(FundingSource source, String amount, String paid, String outstanding) {
        return recorded(PAYMENT, source, amount, "津财指〔2021〕12号", paid, outstanding);
    }

    @Test
    void theCityRecordsAPaymentOfItsShare() {
        givenAwarded()
                .when(pay(MUNICIPAL, "600000"), FINANCE)
                .expectEvents(recorded(MUNICIPAL, "600000", "600000", "0"))
                .expectResultMessagePayload(recorded(MUNICIPAL, "600000", "600000", "0"));
        assertThat(registered).containsExactly("津财指〔2021〕12号");
    }

    @Test
    void theDistrictRecordsItsMatchingPaymentInPart() {
        givenAwarded()
                .when(pay(DISTRICT, "250000.50"), OFFICER)
                .expectEvents(recorded(DISTRICT, "250000.50", "250000.50", "349999.50"));
    }

    @Test
    void onlyFinanceRecordsTheCitysPayments() {
        for (Map<String, Object> actor : List.of(OFFICER, MANAGER, ADMIN)) {
            givenAwarded()
                    .when(pay(MUNICIPAL, "100000"), actor)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Test
    void onlyAnOfficerOfTheApplicationsDistrictRecordsItsMatchingPayments() {
        for (Map<String, Object> actor : List.of(OTHER_OFFICER, FINANCE, ADMIN)) {
            givenAwarded()
                    .when(pay(DISTRICT, "100000"), actor)
                    .expectException(violation(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Test
    void onlyAnAwardedOrToppedUpApplicationIsPaid() {
        fixture.given(new ApplicationSubmitted(ID, Forms.valid().build(), Money.of("6000000"), Money.of("1200000"),
                        Tier.MUNICIPAL), new DistrictApproved(ID, District.XIQING, true, "推荐"))
                .when(pay(MUNICIPAL, "100000"), FINANCE)
                .expectException(violation(ErrorCode.INVALID_STATE))
                .expectNoEvents();
        assertThat(registered).isEmpty();
    }

    @Test
    void aPaymentNeverExceedsTheOutstandingShareOfItsSource() {
        givenAwarded(recorded(SECOND, MUNICIPAL, "400000", "津财指〔2021〕1号", "400000", "200000"))
                .when(pay(MUNICIPAL, "200000.01"), FINANCE)
                .expectException(violation(ErrorCode.DISBURSEMENT_EXCEEDS_COMMITMENT))
                .expectNoEvents();
        givenAwarded(recorded(SECOND, MUNICIPAL, "400000", "津财指〔2021〕1号", "400000", "200000"))
                .when(pay(MUNICIPAL, "200000"), FINANCE)
                .expectEvents(recorded(MUNICIPAL, "200000", "600000", "0"));
    }

    @Test
    void oneSourcesPaymentsLeaveTheOtherSourcesShareOutstanding() {
        givenAwarded(recorded(SECOND, MUNICIPAL, "600000", "津财指〔2021〕1号", "600000", "0"))
                .when(pay(DISTRICT, "600000"), OFFICER)
                .expectEvents(recorded(DISTRICT, "600000", "600000", "0"));
    }

    @Test
    void aTopUpRaisesTheOutstandingShare() {
        MiitPilot pilot = new MiitPilot(PilotProgramme.MANUFACTURING_INTERNET_INTEGRATION, 2020, true);
        AwardToppedUp toppedUp = new AwardToppedUp(ID, Direction.D1_1, District.XIQING, pilot, "工信部名单",
                Money.of("600000"), Money.of("300000"), Money.of("300000"), Money.of("1800000"));
        givenAwarded(recorded(SECOND, MUNICIPAL, "600000", "津财指〔2021〕1号", "600000", "0"), toppedUp)
                .when(pay(MUNICIPAL, "300000.01"), FINANCE)
                .expectException(violation(ErrorCode.DISBURSEMENT_EXCEEDS_COMMITMENT));
        givenAwarded(recorded(SECOND, MUNICIPAL, "600000", "津财指〔2021〕1号", "600000", "0"), toppedUp)
                .when(pay(MUNICIPAL, "300000"), FINANCE)
                .expectEvents(recorded(MUNICIPAL, "300000", "900000", "0"));
    }

    @Test
    void aVoucherIsUsedOnceInTheCallBeforeAnyAmountRule() {
        usedVouchers.add("津财指〔2021〕12号");
        givenAwarded()
                .when(pay(MUNICIPAL, "999999999"), FINANCE)
                .expectException(violation(ErrorCode.DUPLICATE_VOUCHER))
                .expectNoEvents();
    }

    @Test
    void thePaymentDateLiesBetweenTheBeijingDateOfTheAwardAndToday() {
        givenAwarded()
                .when(pay(PAYMENT, MUNICIPAL, "1", AWARD_DAY.minusDays(1), "v-before"), FINANCE)
                .expectException(violation(ErrorCode.INVALID_PAYMENT_DATE))
                .expectNoEvents();
        givenAwarded()
                .when(pay(PAYMENT, MUNICIPAL, "1", LocalDate.of(2021, 6, 2), "v-tomorrow"), FINANCE)
                .expectException(violation(ErrorCode.INVALID_PAYMENT_DATE))
                .expectNoEvents();
        givenAwarded()
                .when(pay(PAYMENT, MUNICIPAL, "1", AWARD_DAY, "v-award-day"), FINANCE)
                .expectSuccessfulHandlerExecution();
        givenAwarded()
                .when(pay(PAYMENT, DISTRICT, "1", LocalDate.of(2021, 6, 1), "v-today"), OFFICER)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void theAmountRuleComesBeforeTheDateRule() {
        givenAwarded()
                .when(pay(PAYMENT, MUNICIPAL, "600000.01", LocalDate.of(2030, 1, 1), "v"), FINANCE)
                .expectException(violation(ErrorCode.DISBURSEMENT_EXCEEDS_COMMITMENT));
    }

    @Test
    void aReversalMakesTheAmountOutstandingAgain() {
        givenAwarded(recorded(MUNICIPAL, "600000", "600000", "0"))
                .when(new ReverseDisbursement(ID, PAYMENT, "银行退票"), FINANCE)
                .expectEvents(new DisbursementReversed(ID, PAYMENT, Direction.D1_1, District.XIQING, MUNICIPAL,
                        Money.of("600000"), "银行退票", Money.ZERO, Money.of("600000")));
    }

    @Test
    void aReversedShareMayBePaidAgainOnANewVoucher() {
        givenAwarded(recorded(MUNICIPAL, "600000", "600000", "0"),
                new DisbursementReversed(ID, PAYMENT, Direction.D1_1, District.XIQING, MUNICIPAL, Money.of("600000"),
                        "银行退票", Money.ZERO, Money.of("600000")))
                .when(pay(SECOND, MUNICIPAL, "600000", LocalDate.of(2021, 1, 15), "津财指〔2021〕12号"), FINANCE)
                .expectEvents(recorded(SECOND, MUNICIPAL, "600000", "津财指〔2021〕12号", "600000", "0"));
    }

    @Test
    void aPaymentIsReversedAtMostOnce() {
        givenAwarded(recorded(MUNICIPAL, "600000", "600000", "0"),
                new DisbursementReversed(ID, PAYMENT, Direction.D1_1, District.XIQING, MUNICIPAL, Money.of("600000"),
                        "银行退票", Money.ZERO, Money.of("600000")))
                .when(new ReverseDisbursement(ID, PAYMENT, "again"), FINANCE)
                .expectException(violation(ErrorCode.INVALID_STATE))
                .expectNoEvents();
    }

    @Test
    void onlyTheRoleThatRecordsAPaymentReversesIt() {
        givenAwarded(recorded(DISTRICT, "600000", "600000", "0"))
                .when(new ReverseDisbursement(ID, PAYMENT, "wrong"), FINANCE)
                .expectException(violation(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        givenAwarded(recorded(DISTRICT, "600000", "600000", "0"))
                .when(new ReverseDisbursement(ID, PAYMENT, "退回"), OFFICER)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anUnknownDisbursementIsNotFoundBeforeTheRoleIsChecked() {
        givenAwarded()
                .when(new ReverseDisbursement(ID, SECOND, "no such payment"), MANAGER)
                .expectException(violation(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }
}
