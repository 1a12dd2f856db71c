package cn.tj.specialfund.sample;

import cn.tj.specialfund.sample.SampleCall;
import cn.tj.specialfund.sample.SampleCall.Outcome;
import cn.tj.specialfund.sample.SampleCall.PlannedApplication;
import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.RecordDisbursement;
import cn.tj.specialfund.coreapi.RejectApplication;
import cn.tj.specialfund.coreapi.RejectInDistrict;
import cn.tj.specialfund.coreapi.ReverseDisbursement;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.FundingSource;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Role;
import cn.tj.specialfund.coreapi.value.Tier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleCallTest {

    private final SampleCall call = SampleCall.standard();

    /** The benchmark sends the call over HTTP: every form and text must pass the edge (contract §7). */
    @Test
    void everyFormAndTextIsWithinTheInputLimits() {
        for (PlannedApplication application : call.applications()) {
            var form = application.form();
            InputLimits.Text.PROJECT_NAME.check("/projectName", form.projectName());
            InputLimits.Text.APPLICANT_NAME.check("/applicant/name", form.applicant().name());
            InputLimits.Text.BENEFITS.check("/benefits", form.benefits());
            InputLimits.Rows.FUNDING.check("/funding", form.funding().size());
            InputLimits.Rows.EXPENDITURES.check("/expenditures", form.expenditures().size());
            InputLimits.Rows.MATERIALS.check("/materials", form.materials().size());
            form.expenditures().forEach(line -> InputLimits.Text.BASIS.check("/expenditures/*/basis", line.basis()));
        }
        for (SampleCall.Step step : call.steps()) {
            if (step.command() instanceof cn.tj.specialfund.coreapi.ScoreApplication score) {
                InputLimits.Text.REVIEWER.check("/reviewer", score.reviewer());
            } else if (step.command() instanceof cn.tj.specialfund.coreapi.RejectApplication reject) {
                InputLimits.Text.REASON.check("/reason", reject.reason());
            } else if (step.command() instanceof cn.tj.specialfund.coreapi.TopUpAward topUp) {
                InputLimits.Text.REVIEW_REFERENCE.check("/reviewReference", topUp.reviewReference());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameCall() {
        SampleCall again = SampleCall.generate(SampleCall.DEFAULT_SEED, SampleCall.DEFAULT_COUNT);
        assertThat(again.applications()).isEqualTo(call.applications());
        assertThat(again.steps()).isEqualTo(call.steps());
        assertThat(SampleCall.generate(7, SampleCall.DEFAULT_COUNT).applications()).isNotEqualTo(call.applications());
    }

    @Test
    void coversEveryDirectionDistrictAndStage() {
        assertThat(call.applications()).hasSize(230);
        assertThat(call.applications().stream().map(a -> a.form().direction()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Direction.values());
        assertThat(call.applications().stream().map(a -> a.form().applicant().district()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(District.values());
        assertThat(call.applications().stream().map(PlannedApplication::outcome).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Outcome.values());
        long topUps = call.applications().stream().filter(a -> a.outcome() == Outcome.TOPPED_UP).count();
        assertThat(topUps).isBetween(3L, 8L);
    }

    @Test
    void direction11ReachesItsCapAndKeepsCandidates() {
        List<PlannedApplication> in11 = call.applications().stream()
                .filter(a -> a.form().direction() == Direction.D1_1).toList();
        assertThat(in11.stream().filter(a -> a.outcome().awarded()).count()).isEqualTo(10);
        assertThat(in11.stream().filter(a -> a.outcome() == Outcome.SCORED).count()).isGreaterThanOrEqualTo(2);
        long awardCommands = call.steps().stream().filter(s -> s.command() instanceof AwardApplication award
                && in11.stream().anyMatch(a -> a.id().equals(award.applicationId()))).count();
        assertThat(awardCommands).isEqualTo(10);
    }

    @Test
    void everyFormSatisfiesTheRulesAndCreditCodesAreUnique() {
        for (PlannedApplication a : call.applications()) {
            ProgramRules.CALL_2020.checkSubmission(a.form());
        }
        Set<String> codes = call.applications().stream()
                .map(a -> a.form().applicant().creditCode().value()).collect(Collectors.toSet());
        assertThat(codes).hasSize(call.applications().size());
    }

    @Test
    void stepsAreNumberedPerApplicationAndIssuedByTheRightRoles() {
        Map<UUID, Integer> next = new HashMap<>();
        for (SampleCall.Step step : call.steps()) {
            assertThat(step.sequence()).isEqualTo(next.getOrDefault(step.applicationId(), 0));
            next.put(step.applicationId(), step.sequence() + 1);
            if (step.command() instanceof SubmitApplication submit) {
                assertThat(step.actor().role()).isEqualTo(Role.DISTRICT_OFFICER);
                assertThat(step.actor().district()).isEqualTo(submit.form().applicant().district());
            }
        }
        Set<Role> roles = call.steps().stream().map(s -> s.actor().role()).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        assertThat(roles).containsExactlyInAnyOrder(Role.DISTRICT_OFFICER, Role.REVIEWER, Role.PROGRAM_MANAGER,
                Role.FINANCE);
    }

    @Test
    void tooSmallACallCannotReachTheCap() {
        assertThatThrownBy(() -> SampleCall.generate(1, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    private static YearMonth month(SampleCall.Step step) {
        return YearMonth.from(ProgramRules.CALL_2020.callDate(step.at()));
    }

    @Test
    void theCallRunsOnThe2020CalendarInBeijingOfficeHours() {
        Instant previous = Instant.MIN;
        for (SampleCall.Step step : call.steps()) {
            assertThat(step.at()).as("steps in the order they happened").isAfterOrEqualTo(previous);
            previous = step.at();
            YearMonth month = month(step);
            Object command = step.command();
            if (command instanceof SubmitApplication) {
                assertThat(month).isEqualTo(YearMonth.of(2020, 9));
            } else if (command instanceof ApproveInDistrict || command instanceof RejectInDistrict) {
                assertThat(month).isEqualTo(YearMonth.of(2020, 10));
                assertThat(ProgramRules.CALL_2020.callDate(step.at())).isBefore(LocalDate.of(2020, 10, 31));
            } else if (command instanceof ScoreApplication) {
                assertThat(month).isEqualTo(YearMonth.of(2020, 11));
            } else if (command instanceof AwardApplication || command instanceof RejectApplication) {
                assertThat(month).isEqualTo(YearMonth.of(2020, 12));
            } else {
                assertThat(command).isInstanceOfAny(TopUpAward.class, RecordDisbursement.class, ReverseDisbursement.class);
                assertThat(month.getYear()).isEqualTo(2021);
            }
            int hour = step.at().atZone(ProgramRules.CALL_ZONE).getHour();
            assertThat(hour).isBetween(9, 16);
            assertThat(step.metaData("c")).containsEntry("occurredAt", step.at().toString());
        }
    }

    @Test
    void paymentsStayWithinEachSharePaidOnOrAfterTheAwardWithVouchersUsedOnce() {
        Map<UUID, Map<FundingSource, Money>> outstanding = new HashMap<>();
        Map<UUID, LocalDate> awardedOn = new HashMap<>();
        Map<UUID, RecordDisbursement> payments = new HashMap<>();
        Set<String> vouchers = new HashSet<>();
        int reversals = 0;
        for (SampleCall.Step step : call.steps()) {
            LocalDate on = ProgramRules.CALL_2020.callDate(step.at());
            if (step.command() instanceof AwardApplication award) {
                PlannedApplication a = call.applications().stream().filter(p -> p.id().equals(award.applicationId())).findFirst().orElseThrow();
                Money amount = ProgramRules.CALL_2020.awardAmount(ProgramRules.CALL_2020.requestedSpecialFunds(a.form()),
                        award.tier(), ProgramRules.CALL_2020.eligibleInvestment(a.form().expenditures()));
                var shares = ProgramRules.CALL_2020.split(amount);
                outstanding.put(award.applicationId(), new HashMap<>(Map.of(FundingSource.MUNICIPAL, shares.municipalShare(),
                        FundingSource.DISTRICT, shares.districtShare())));
                awardedOn.put(award.applicationId(), on);
            } else if (step.command() instanceof TopUpAward topUp) {
                PlannedApplication a = call.applications().stream().filter(p -> p.id().equals(topUp.applicationId())).findFirst().orElseThrow();
                Money eligible = ProgramRules.CALL_2020.eligibleInvestment(a.form().expenditures());
                Money awarded = ProgramRules.CALL_2020.awardAmount(ProgramRules.CALL_2020.requestedSpecialFunds(a.form()),
                        Tier.MUNICIPAL, eligible);
                var shares = ProgramRules.CALL_2020.split(ProgramRules.CALL_2020.topUpAmount(eligible, awarded));
                outstanding.get(topUp.applicationId()).merge(FundingSource.MUNICIPAL, shares.municipalShare(), Money::plus);
                outstanding.get(topUp.applicationId()).merge(FundingSource.DISTRICT, shares.districtShare(), Money::plus);
            } else if (step.command() instanceof RecordDisbursement pay) {
                Money left = outstanding.get(pay.applicationId()).get(pay.source());
                assertThat(pay.amount()).isLessThanOrEqualTo(left);
                outstanding.get(pay.applicationId()).put(pay.source(), left.minus(pay.amount()));
                assertThat(pay.paidOn()).isAfterOrEqualTo(awardedOn.get(pay.applicationId())).isEqualTo(on);
                assertThat(vouchers.add(pay.voucher())).as(pay.voucher()).isTrue();
                assertThat(step.actor().role()).isEqualTo(pay.source() == FundingSource.MUNICIPAL ? Role.FINANCE : Role.DISTRICT_OFFICER);
                payments.put(pay.disbursementId(), pay);
            } else if (step.command() instanceof ReverseDisbursement reverse) {
                RecordDisbursement reversed = payments.get(reverse.disbursementId());
                assertThat(reversed).isNotNull();
                outstanding.get(reversed.applicationId()).merge(reversed.source(), reversed.amount(), Money::plus);
                reversals++;
            }
        }
        assertThat(reversals).isEqualTo(1);
        long awards = awardedOn.size();
        long cityPaid = outstanding.values().stream().filter(o -> o.get(FundingSource.MUNICIPAL).isZero()).count();
        long districtPaid = outstanding.values().stream().filter(o -> o.get(FundingSource.DISTRICT).isZero()).count();
        assertThat(cityPaid).as("most awards paid by the city").isBetween(awards * 7 / 10, awards - 1);
        assertThat(districtPaid).as("most districts paid").isBetween(awards * 6 / 10, awards - 1);
    }

    @Test
    void twoDistrictsLeaveTheirMatchingFundsOverdue() {
        Map<District, Money> overdue = new HashMap<>();
        List<SampleCall.Step> steps = call.steps();
        for (PlannedApplication a : call.applications()) {
            if (!a.outcome().awarded()) {
                continue;
            }
            List<ProgramRules.DistrictShare> shares = new java.util.ArrayList<>();
            Money paid = Money.ZERO;
            for (SampleCall.Step step : steps) {
                if (!step.applicationId().equals(a.id())) {
                    continue;
                }
                LocalDate on = ProgramRules.CALL_2020.callDate(step.at());
                if (step.command() instanceof AwardApplication award) {
                    Money amount = ProgramRules.CALL_2020.awardAmount(ProgramRules.CALL_2020.requestedSpecialFunds(a.form()),
                            award.tier(), ProgramRules.CALL_2020.eligibleInvestment(a.form().expenditures()));
                    shares.add(new ProgramRules.DistrictShare(on, ProgramRules.CALL_2020.split(amount).districtShare()));
                } else if (step.command() instanceof RecordDisbursement pay && pay.source() == FundingSource.DISTRICT) {
                    paid = paid.plus(pay.amount());
                }
            }
            overdue.merge(a.form().applicant().district(),
                    ProgramRules.CALL_2020.overdueMatching(shares, paid, LocalDate.of(2021, 3, 31)), Money::plus);
        }
        assertThat(overdue.get(District.BAODI).isZero() && overdue.get(District.JIZHOU).isZero()).isFalse();
        assertThat(overdue.entrySet().stream().filter(e -> !e.getValue().isZero()).count()).isBetween(2L, 8L);
    }
}
