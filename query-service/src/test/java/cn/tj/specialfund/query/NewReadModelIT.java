package cn.tj.specialfund.query;

import cn.tj.specialfund.readmodelexample.awardcount.AwardCountReadModel;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read model added in one package of its own (the example in {@code cn.tj.specialfund.readmodelexample}) runs
 * live, rebuilds with the others, is verified with them and shows in the metrics, with no change to the service.
 */
class NewReadModelIT {

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private QueryService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.drop();
    }

    @Test
    void aReadModelInItsOwnPackageIsProjectedRebuiltAndMeasured() {
        service = QueryService.startWith(database, List.of(AwardCountReadModel.class));
        Scenario s = new Scenario(new Ledger().realTime());
        service.appender(database).append(s.ledger.written());
        // A (1.1) and F (1.3) were awarded
        JsonNode counts = service.await("auditor", "/api/example/award-counts", body -> body.size() == 2);
        assertThat(counts.path("1.1").asLong()).isEqualTo(1);
        assertThat(counts.path("1.3").asLong()).isEqualTo(1);

        service.rebuildAndWait();
        JsonNode rebuilt = service.get("auditor", "/api/example/award-counts").json();
        assertThat(rebuilt).isEqualTo(counts);

        String metrics = service.get("admin", "/actuator/prometheus", "text/plain").text();
        assertThat(metrics).contains("processingGroup=\"award-count-example\"");

        // and it is verified: a count changed behind its projection is found
        assertThat(service.get("auditor", "/api/admin/projections/verify").json().path("consistent").asBoolean())
                .isTrue();
        service.context().getBean(JdbcTemplate.class)
                .update("UPDATE award_count_example SET awards = 5 WHERE direction = '1.3'");
        JsonNode verified = service.get("auditor", "/api/admin/projections/verify").json();
        assertThat(verified.path("consistent").asBoolean()).isFalse();
        assertThat(verified.path("differences")).hasSize(1);
        JsonNode difference = verified.path("differences").get(0);
        assertThat(difference.path("readModel").asText()).isEqualTo("award-count-example");
        assertThat(difference.path("key").asText()).isEqualTo("award_count_example/1.3");
        assertThat(difference.path("live").asText()).isEqualTo("5");
        assertThat(difference.path("fromLog").asText()).isEqualTo("1");
    }
}
