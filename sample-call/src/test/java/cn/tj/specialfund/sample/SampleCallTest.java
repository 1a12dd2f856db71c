package cn.tj.specialfund.sample;

import cn.tj.specialfund.sample.SampleCall;
import cn.tj.specialfund.sample.SampleCall.Outcome;
import cn.tj.specialfund.sample.SampleCall.PlannedApplication;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
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
        assertThat(roles).containsExactlyInAnyOrder(Role.DISTRICT_OFFICER, Role.REVIEWER, Role.PROGRAM_MANAGER);
    }

    @Test
    void tooSmallACallCannotReachTheCap() {
        assertThatThrownBy(() -> SampleCall.generate(1, 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
