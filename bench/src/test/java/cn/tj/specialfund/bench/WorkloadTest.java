package cn.tj.specialfund.bench;

import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.CreditCode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

    @Test
    void batchesCoverEveryStageWithValidFormsAndNeverRepeatAnApplicant() {
        Workload workload = new Workload(7);
        Set<String> codes = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        Set<String> directions = new HashSet<>();
        Set<String> districts = new HashSet<>();
        for (int i = 0; i < 2 * Workload.BATCH; i++) {
            Workload.Chain chain = workload.next();
            assertThat(chain.steps.get(0).command()).isInstanceOf(SubmitApplication.class);
            SubmitApplication submit = (SubmitApplication) chain.steps.get(0).command();
            ProgramRules.CALL_2020.checkSubmission(submit.form());
            String code = submit.form().applicant().creditCode().value();
            assertThat(CreditCode.of(code).value()).isEqualTo(code);
            assertThat(codes.add(code)).isTrue();
            directions.add(submit.form().direction().toString());
            districts.add(submit.form().applicant().district().name());
            for (int s = 0; s < chain.steps.size(); s++) {
                assertThat(chain.steps.get(s).sequence()).isEqualTo(s);
                kinds.add(Workload.kind(chain.steps.get(s).command()));
            }
        }
        assertThat(workload.batches()).isEqualTo(2);
        assertThat(kinds).containsExactlyInAnyOrder("submit", "district-review", "score", "award", "reject", "top-up");
        assertThat(directions).hasSize(12);
        assertThat(districts).hasSize(16);
    }

    @Test
    void aWorkloadOnAKeptLogGivesApplicantsNoEarlierRunHad() {
        Set<String> earlier = creditCodes(new Workload(2020), Workload.BATCH * 2);
        Set<String> later = creditCodes(new Workload(2020, 2_000_000_000L + Workload.BATCH * 2), Workload.BATCH * 2);
        assertThat(later).hasSize(Workload.BATCH * 2).doesNotContainAnyElementsOf(earlier);
    }

    private static Set<String> creditCodes(Workload workload, int applications) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < applications; i++) {
            codes.add(((SubmitApplication) workload.next().steps.get(0).command()).form().applicant().creditCode().value());
        }
        return codes;
    }

    @Test
    void percentilesOfKnownLatencies() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            latencies.recordNanos(ms * 1_000_000L);
        }
        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.p50()).isBetween(49.9, 50.1);
        assertThat(latencies.p99()).isBetween(98.9, 99.1);
        assertThat(latencies.summary(2.0)).containsEntry("perSecond", 50.0);
    }
}
