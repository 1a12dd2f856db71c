package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.readmodelexample.awardcount.AwardCountProjection;
import cn.tj.specialfund.readmodelexample.awardcount.AwardCountReadModel;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing in the log stops a read model (H2, or PostgreSQL with -Dit.datasource.url): events appended straight
 * to the event store, as if written before the input limits or by a bug, are projected or parked as dead
 * letters while every other application flows, and an operator retries the dead letters once the cause is fixed.
 */
class PoisonEventsIT {

    private static final String EXAMPLE = AwardCountProjection.PROCESSING_GROUP;

    private final IsolatedDatabase database = IsolatedDatabase.create();
    private QueryService service;

    @AfterEach
    void stop() {
        AwardCountProjection.FAILING.clear();
        AwardCountProjection.FAILING_WRITES.clear();
        if (service != null) {
            service.close();
        }
        database.drop();
    }

    @Test
    void textAPostgresTextColumnCannotHoldIsStoredReplacedAndEveryDashboardCountsIt() {
        service = QueryService.start(database);
        Ledger ledger = new Ledger().realTime();
        UUID nul = ledger.submit(Ledger.form("Nul\u0000Project", Direction.D1_1, District.XIQING, "1000000", "0",
                "200000", false), "1000000", "200000", Tier.MUNICIPAL);
        ledger.approve(nul);
        ledger.score(nul, "90");
        UUID plain = ledger.submit(Ledger.form("Plain Project", Direction.D1_1, District.XIQING, "500000", "0",
                "100000", false), "500000", "100000", Tier.MUNICIPAL);
        service.appender(database).append(ledger.written());

        JsonNode directions = service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("scored").asLong() == 1 && body.path("totals").path("submitted").asLong() == 2);
        assertThat(directions.path("totals").path("districtApproved").asLong()).isEqualTo(1);
        JsonNode one = service.await("auditor", "/api/applications/" + nul, body -> "SCORED".equals(body.path("status").asText()));
        assertThat(one.path("projectName").asText()).isEqualTo("Nul\uFFFDProject");
        assertThat(one.path("status").asText()).isEqualTo("SCORED");
        JsonNode list = service.await("auditor", "/api/applications?size=50", body -> body.path("total").asLong() == 2);
        assertThat(list.path("items").get(0).path("applicantName").asText()).isEqualTo("Nul\uFFFDProject Co., Ltd.");
        assertThat(list.path("items").get(1).path("id").asText()).isEqualTo(plain.toString());
        JsonNode caps = service.await("auditor", "/api/dashboard/caps",
                body -> body.path("caps").get(0).path("candidates").size() == 1);
        assertThat(caps.path("caps").get(0).path("candidates").get(0).path("projectName").asText())
                .isEqualTo("Nul\uFFFDProject");
        JsonNode xiqing = service.await("auditor", "/api/dashboard/districts", body -> district(body, "XIQING")
                .path("pendingExposure").decimalValue().compareTo(new BigDecimal("100000")) == 0);
        assertThat(district(xiqing, "XIQING").path("awardedProjects").asLong()).isZero();
        // the log keeps the original; nothing was parked
        JsonNode history = service.get("auditor", "/api/applications/" + nul + "/history").json();
        assertThat(history.path("events").get(0).path("payload").path("form").path("projectName").asText())
                .isEqualTo("Nul\u0000Project");
        JsonNode status = service.get("admin", "/api/admin/projections/status").json();
        status.path("deadLetters").forEach(n -> assertThat(n.asLong()).isZero());
        assertThat(status.path("deadLetters").path("applications-view").isNumber()).isTrue();
        assertThat(status.path("deadLetters").path("dashboard-view").isNumber()).isTrue();
        assertThat(status.path("deadLetters").path("finance-ledger").isNumber()).isTrue();
        assertThat(status.path("deadLetters").path("disbursements-ledger").isNumber()).isTrue();
    }

    @Test
    void anEventAReadModelCannotApplyIsParkedTheRestFlowsAndARetryAppliesItOnceFixed() {
        service = QueryService.startWith(database, List.of(AwardCountReadModel.class));
        Scenario s = new Scenario(new Ledger().realTime());
        AwardCountProjection.FAILING.add(s.a); // A's award (1.1) fails; F's (1.3) does not
        service.appender(database).append(s.ledger.written());

        JsonNode counts = service.await("auditor", "/api/example/award-counts", body -> body.path("1.3").asLong() == 1);
        assertThat(counts.has("1.1")).isFalse();
        // the other read models, in their own processing groups, saw everything
        service.await("auditor", "/api/dashboard/directions", body -> body.path("totals").path("topUpAmount")
                .decimalValue().compareTo(new BigDecimal("600000")) == 0);
        JsonNode status = service.get("admin", "/api/admin/projections/status").json();
        assertThat(status.path("deadLetters").path(EXAMPLE).asLong()).isEqualTo(1);
        assertThat(status.path("deadLetters").path("dashboard-view").asLong()).isZero();
        awaitGauge(1);
        assertThat(service.post("auditor", "/api/admin/projections/dead-letters/retry").status()).isEqualTo(403);

        // a retry before the cause is fixed leaves it parked
        QueryService.Response early = service.post("admin", "/api/admin/projections/dead-letters/retry");
        assertThat(early.status()).isEqualTo(202);
        assertThat(early.json().path("applied").asInt()).isZero();
        assertThat(early.json().path("deadLetters").path(EXAMPLE).asLong()).isEqualTo(1);

        // a rebuild with the poison event in the log completes, and parks it again instead of failing
        status = service.rebuildAndWait();
        assertThat(status.path("processedEvents").asLong()).isEqualTo(s.ledger.written().size());
        // a rebuild hands a read model every event, and parks every later event of the application behind the
        // poison one: here A's top-up, which this read model ignores when it is retried
        assertThat(status.path("deadLetters").path(EXAMPLE).asLong()).isEqualTo(2);
        assertThat(service.get("auditor", "/api/example/award-counts").json()).isEqualTo(counts);

        // fixed: the retry applies it, once
        AwardCountProjection.FAILING.clear();
        QueryService.Response retried = service.post("admin", "/api/admin/projections/dead-letters/retry");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("applied").asInt()).isEqualTo(2);
        assertThat(retried.json().path("deadLetters").path(EXAMPLE).asLong()).isZero();
        assertThat(service.get("auditor", "/api/example/award-counts").json().path("1.1").asLong()).isEqualTo(1);
        QueryService.Response again = service.post("admin", "/api/admin/projections/dead-letters/retry");
        assertThat(again.json().path("applied").asInt()).isZero();
        assertThat(service.get("auditor", "/api/example/award-counts").json().path("1.1").asLong()).isEqualTo(1);
        awaitGauge(0);

        // and A's application flows again: a later award in 1.1 counts once
        Ledger more = new Ledger().realTime();
        UUID g = more.submit(Ledger.form("Eta Robotics", Direction.D1_1, District.NANKAI, "500000", "0", "100000", false),
                "500000", "100000", Tier.MUNICIPAL);
        more.approve(g);
        more.score(g, "80");
        more.award(g, Tier.MUNICIPAL, "100000", "50000", "50000");
        service.appender(database).append(more.written());
        service.await("auditor", "/api/example/award-counts", body -> body.path("1.1").asLong() == 2);
        assertThat(service.get("admin", "/api/admin/projections/status").json().path("deadLetters").path(EXAMPLE)
                .asLong()).isZero();
    }

    @Test
    void aBatchWhoseWriteTheDatabaseRefusesIsAppliedOneEventAtATimeAndOnlyThePoisonOneIsParked() {
        service = QueryService.startWith(database, List.of(AwardCountReadModel.class),
                "--ledger.projections.initial-segment-count=1");
        Scenario s = new Scenario(new Ledger().realTime());
        AwardCountProjection.FAILING_WRITES.add(s.a); // A's award (1.1) is refused at prepare-commit, F's is not
        service.appender(database).append(s.ledger.written());

        JsonNode counts = service.await("auditor", "/api/example/award-counts", body -> body.path("1.3").asLong() == 1);
        assertThat(counts.has("1.1")).isFalse();
        JsonNode status = service.get("admin", "/api/admin/projections/status").json();
        assertThat(status.path("deadLetters").path(EXAMPLE).asLong()).isEqualTo(1);

        AwardCountProjection.FAILING_WRITES.clear();
        QueryService.Response retried = service.post("admin", "/api/admin/projections/dead-letters/retry");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("applied").asInt()).isEqualTo(1);
        JsonNode after = service.get("auditor", "/api/example/award-counts").json();
        assertThat(after.path("1.1").asLong()).isEqualTo(1);
        assertThat(after.path("1.3").asLong()).isEqualTo(1);
    }

    private void awaitGauge(int expected) {
        Pattern gauge = Pattern.compile("(?m)^ledger_dead_letters\\{[^}]*processing_group=\"" + EXAMPLE + "\"[^}]*} "
                + expected + "\\.0$");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String metrics = "";
        while (Instant.now().isBefore(deadline)) {
            metrics = service.get("admin", "/actuator/prometheus", "text/plain").text();
            if (gauge.matcher(metrics).find()) {
                return;
            }
            QueryService.sleep(200);
        }
        throw new AssertionError("no ledger_dead_letters " + expected + " for " + EXAMPLE + " in:\n"
                + metrics.lines().filter(l -> l.startsWith("ledger_dead")).toList());
    }

    private static JsonNode district(JsonNode body, String code) {
        for (JsonNode d : body.path("districts")) {
            if (d.path("code").asText().equals(code)) {
                return d;
            }
        }
        throw new AssertionError("no district " + code);
    }
}
