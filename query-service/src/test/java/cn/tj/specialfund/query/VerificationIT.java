package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/admin/projections/verify: the read models are compared with an independent fold of the log; a row
 * changed behind the projections' back (here in SQL) is named with its read model, its key and both values, and a
 * rebuild makes them consistent again; the gauge follows.
 */
class VerificationIT {

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private QueryService service;
    private Scenario s;
    private JdbcTemplate jdbc;

    @BeforeEach
    void start() {
        service = QueryService.start(database);
        s = new Scenario(new Ledger().realTime());
        service.appender(database).append(s.ledger.written());
        // the last event of the scenario is A's top-up: every read model has it once these show it
        service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("topUpAmount").decimalValue().signum() > 0);
        service.await("auditor", "/api/finance/commitments", body -> body.path("entries").size() == 3);
        service.await("auditor", "/api/applications/" + s.a, body -> body.path("status").asText().equals("TOPPED_UP"));
        jdbc = service.context().getBean(JdbcTemplate.class);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.drop();
    }

    @Test
    void aRowChangedBehindTheProjectionsIsReportedWithBothValuesAndARebuildRepairsIt() {
        long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        Instant before = Instant.now();
        JsonNode clean = verify("auditor");
        assertThat(clean.path("consistent").asBoolean()).isTrue();
        assertThat(clean.path("position").asLong()).isEqualTo(head);
        assertThat(clean.path("differences")).isEmpty();
        assertThat(Instant.parse(clean.path("checkedAt").asText())).isAfterOrEqualTo(before);
        assertThat(clean.path("checkedAt").asText()).endsWith("Z");
        assertThat(gauge("ledger_read_model_consistent")).isEqualTo(1.0);
        assertThat(gauge("ledger_read_model_differences")).isEqualTo(0.0);
        assertThat(gauge("ledger_read_model_checked_position")).isEqualTo(head);

        // one row of each read model, changed in SQL
        jdbc.update("UPDATE application_view SET status = 'AWARDED' WHERE id = ?", s.a.toString());
        jdbc.update("UPDATE application_view SET awarded_amount = 246913.58 WHERE id = ?", s.f.toString());
        jdbc.update("UPDATE dashboard_application SET score = 99 WHERE id = ?", s.c.toString());
        jdbc.update("UPDATE direction_stats SET submitted = submitted + 1 WHERE code = '1.1'");
        jdbc.update("UPDATE district_stats SET matching_obligation = 900001 WHERE code = 'XIQING'");
        jdbc.update("UPDATE commitment_entry SET amount = 246913.00 WHERE application_id = ?", s.f.toString());

        JsonNode corrupt = verify("admin");
        assertThat(corrupt.path("consistent").asBoolean()).isFalse();
        assertThat(corrupt.path("position").asLong()).isEqualTo(head);
        List<JsonNode> differences = new ArrayList<>();
        corrupt.path("differences").forEach(differences::add);
        assertThat(corrupt.path("differenceCount").asInt()).isEqualTo(differences.size()).isEqualTo(6);
        assertDifference(differences, "applications-view", "application_view/" + s.a,
                "status=AWARDED", "status=TOPPED_UP");
        assertDifference(differences, "applications-view", "application_view/" + s.f,
                "awarded_amount=246913.58", "awarded_amount=246913.57");
        assertDifference(differences, "dashboard-view", "dashboard_application/" + s.c, "score=99", "score=91");
        // 1.1: A, C and E were submitted
        assertDifference(differences, "dashboard-view", "direction_stats/", "submitted=4", "submitted=3");
        // XIQING: A's district shares, 600,000 of the award and 300,000 of the top-up
        assertDifference(differences, "dashboard-view", "district_stats/XIQING",
                "matchingObligation=900001", "matchingObligation=900000");
        assertDifference(differences, "finance-ledger", "commitment_entry/", "amount=246913,", "amount=246913.57");
        assertThat(gauge("ledger_read_model_consistent")).isEqualTo(0.0);
        assertThat(gauge("ledger_read_model_differences")).isEqualTo(6.0);

        service.rebuildAndWait();
        JsonNode repaired = verify("auditor");
        assertThat(repaired.path("consistent").asBoolean()).isTrue();
        assertThat(repaired.path("differences")).isEmpty();
        assertThat(gauge("ledger_read_model_consistent")).isEqualTo(1.0);
        assertThat(service.get("auditor", "/api/applications/" + s.a).json().path("status").asText())
                .isEqualTo("TOPPED_UP");
    }

    /**
     * Two command transactions overlap: the first takes its log positions, the second commits first and is
     * projected, then the first commits and fills the gap. Its events arrive with a token naming the later
     * event's position; the read models store their own, as the independent fold reads them.
     */
    @Test
    void anEventCommittedAfterALaterOneIsStoredAtItsOwnPositionAndVerifies() throws Exception {
        int before = s.ledger.written().size();
        UUID late = s.ledger.submit(Ledger.form("Eta Late Commit", Direction.D1_1,
                District.XIQING, "1000000", "0", "200000", false), "1000000", "200000",
                Tier.MUNICIPAL);
        s.ledger.award(s.b, Tier.MUNICIPAL, "666666.66", "333333.33", "333333.33");
        List<DomainEventMessage<?>> lateEvents = s.ledger.since(before);
        int middle = s.ledger.written().size();
        UUID early = s.ledger.submit(Ledger.form("Theta Early Commit",
                Direction.D1_2, District.HEPING,
                "1000000", "0", "200000", false), "1000000", "200000", Tier.MUNICIPAL);

        QueryService.EventAppender appender = service.appender(database);
        QueryService.EventAppender.Uncommitted open = appender.appendUncommitted(lateEvents);
        appender.append(s.ledger.since(middle));
        service.await("auditor", "/api/applications/" + early, body -> body.path("status").asText().equals("SUBMITTED"));
        open.commit();
        service.await("auditor", "/api/applications/" + late, body -> body.path("status").asText().equals("SUBMITTED"));
        service.await("auditor", "/api/finance/commitments", body -> body.path("entries").size() == 4);

        long latePosition = positionOf(late, 0);
        long earlyPosition = positionOf(early, 0);
        long awardPosition = positionOf(s.b, 3);
        assertThat(latePosition).isLessThan(awardPosition).isLessThan(earlyPosition);
        assertThat(jdbc.queryForObject("SELECT submission_position FROM application_view WHERE id = ?", Long.class,
                late.toString())).isEqualTo(latePosition);
        assertThat(jdbc.queryForObject("SELECT submission_position FROM dashboard_application WHERE id = ?",
                Long.class, late.toString())).isEqualTo(latePosition);
        assertThat(jdbc.queryForObject("SELECT log_position FROM commitment_entry WHERE application_id = ?",
                Long.class, s.b.toString())).isEqualTo(awardPosition);

        JsonNode verified = verify("auditor");
        assertThat(verified.path("differences")).isEmpty();
        assertThat(verified.path("consistent").asBoolean()).isTrue();
        assertThat(verified.path("position").asLong()).isEqualTo(earlyPosition);
    }

    private long positionOf(UUID application, long sequence) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = ?", Long.class, application.toString(), sequence);
    }

    @Test
    void onlyAdminsAndAuditorsVerify() {
        assertThat(service.get("admin", "/api/admin/projections/verify").status()).isEqualTo(200);
        assertThat(service.get("auditor", "/api/admin/projections/verify").status()).isEqualTo(200);
        for (String user : List.of("manager", "reviewer", "finance", "district-xiqing", "metrics")) {
            QueryService.Response refused = service.get(user, "/api/admin/projections/verify");
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.code()).as(user).isEqualTo("FORBIDDEN");
        }
        QueryService.Response anonymous = service.get(null, "/api/admin/projections/verify");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void whileAnotherReplicaRebuildsTheVerificationIsRefusedAndChangesNothing() {
        // another process holds the rebuild lease, as its rebuild does
        jdbc.update("UPDATE projection_state SET rebuild_owner = ?, rebuild_lease_until = ? WHERE id = 1",
                "3f2c1d0e-0000-4000-8000-000000000001", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        QueryService.Response refused = service.get("auditor", "/api/admin/projections/verify");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("REBUILD_IN_PROGRESS");
        assertThat(jdbc.queryForObject("SELECT rebuild_owner FROM projection_state WHERE id = 1", String.class))
                .isEqualTo("3f2c1d0e-0000-4000-8000-000000000001");

        jdbc.update("UPDATE projection_state SET rebuild_owner = NULL, rebuild_lease_until = NULL WHERE id = 1");
        assertThat(verify("auditor").path("consistent").asBoolean()).isTrue();
    }

    private JsonNode verify(String user) {
        QueryService.Response response = service.get(user, "/api/admin/projections/verify");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static void assertDifference(List<JsonNode> differences, String readModel, String keyPrefix,
                                         String live, String fromLog) {
        assertThat(differences).as("a difference of %s at %s", readModel, keyPrefix).anySatisfy(d -> {
            assertThat(d.path("readModel").asText()).isEqualTo(readModel);
            assertThat(d.path("key").asText()).startsWith(keyPrefix);
            assertThat(d.path("live").asText()).contains(live);
            assertThat(d.path("fromLog").asText()).contains(fromLog);
        });
    }

    private double gauge(String name) {
        String metrics = service.get("admin", "/actuator/prometheus", "text/plain").text();
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /actuator/prometheus"));
    }
}
