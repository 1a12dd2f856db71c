package cn.tj.specialfund.query;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service over a real event store (H2, or PostgreSQL with -Dit.datasource.url): events are appended
 * as the command side appends them, and every endpoint is read over HTTP with the demo users.
 * Long on purpose: one started service per scenario (a start costs seconds), each endpoint's checks a method of
 * its own.
 */
class QueryServiceIT {

    private static final Logger log = LoggerFactory.getLogger(QueryServiceIT.class);

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
    void everyEndpointShowsTheCallToTheFenAndARebuildChangesNothing() throws Exception {
        service = QueryService.start(database);
        QueryService.EventAppender log = service.appender(database);
        Scenario s = new Scenario(new Ledger().realTime());
        log.append(s.ledger.written());
        service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("submitted").asLong() == 6 && body.path("totals").path("topUpAmount").decimalValue().signum() > 0);
        awaitAllGroupsCaughtUp(s.ledger.written().size());

        transactionsAreShared();
        applications(s);
        dashboards(s);
        finance(s);
        reference();
        historyAndAsOf(s);
        accessRules(s);
        metrics();
        lag(log);

        // the lag probe is waited for in one read model only: every one must hold it before the snapshot
        awaitAllGroupsCaughtUp(s.ledger.written().size() + 1);
        Map<String, String> before = snapshot(s);
        QueryService.Response started = service.post("admin", "/api/admin/projections/rebuild");
        assertThat(started.status()).isEqualTo(202);
        JsonNode status = service.await("admin", "/api/admin/projections/status",
                body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull());
        assertThat(status.path("processedEvents").asLong()).isEqualTo(s.ledger.written().size() + 1);
        assertThat(status.path("totalEvents").asLong()).isEqualTo(s.ledger.written().size() + 1);
        Map<String, String> after = snapshot(s);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((path, answer) -> assertThat(after.get(path)).as("%s after the rebuild", path).isEqualTo(answer));

        // the live processors carry on from the rebuild's position: one more event counts exactly once
        Ledger more = new Ledger().realTime();
        UUID g = more.submit(Ledger.form("Eta Robotics", Direction.D1_4, District.NANKAI, "500000", "0", "100000", false),
                "500000", "100000", Tier.MUNICIPAL);
        log.append(more.written());
        JsonNode directions = service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("submitted").asLong() == 8);
        QueryService.sleep(1500);
        directions = service.get("auditor", "/api/dashboard/directions").json();
        assertThat(directions.path("totals").path("submitted").asLong()).isEqualTo(8);
        assertThat(service.get("auditor", "/api/applications/" + g).status()).isEqualTo(200);
        assertThat(service.get("auditor", "/api/applications?size=50").json().path("total").asLong()).isEqualTo(8);
        // a page smaller than the matches takes its total from application_count, set by the rebuild and moved since
        assertThat(service.get("auditor", "/api/applications?size=3").json().path("total").asLong()).isEqualTo(8);
    }

    @Test
    void aRestartedQueryServiceCatchesUpWithoutLossOrDuplicates() {
        service = QueryService.start(database);
        QueryService.EventAppender appender = service.appender(database);
        Scenario s = new Scenario(new Ledger().realTime());
        List<DomainEventMessage<?>> all = s.ledger.written();
        int half = all.size() / 2;
        appender.append(all.subList(0, half));
        service.await("auditor", "/api/dashboard/directions", body -> body.path("totals").path("submitted").asLong() == 6);
        awaitAllGroupsCaughtUp(half);
        service.close();
        service = null;

        appender.append(all.subList(half, all.size()));
        service = QueryService.start(database);
        service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("topUpAmount").decimalValue().compareTo(new BigDecimal("600000")) == 0);
        awaitAllGroupsCaughtUp(all.size());
        applications(s);
        dashboards(s);
        finance(s);
    }

    @Test
    void aRebuildInChunksOfThreeEventsWithTwoCachedApplicationsChangesNothing() {
        service = QueryService.start(database, "--ledger.projections.rebuild.chunk-size=3",
                "--ledger.projections.rebuild.cached-applications=2");
        QueryService.EventAppender log = service.appender(database);
        Scenario s = new Scenario(new Ledger().realTime());
        log.append(s.ledger.written());
        awaitAllGroupsCaughtUp(s.ledger.written().size());
        Map<String, String> before = snapshot(s);

        org.springframework.jdbc.core.JdbcTemplate jdbc = service.context().getBean(
                org.springframework.jdbc.core.JdbcTemplate.class);
        // twice: on PostgreSQL the second rebuild fills, and swaps in, the table the first one swapped out
        boolean postgres = database.schema() != null;
        for (int rebuild = 1; rebuild <= 2; rebuild++) {
            Long liveTable = postgres ? jdbc.queryForObject("SELECT 'application_view'::regclass::oid", Long.class) : null;
            java.time.Instant requested = java.time.Instant.now();
            assertThat(service.post("admin", "/api/admin/projections/rebuild").status()).isEqualTo(202);
            JsonNode status = service.await("admin", "/api/admin/projections/status",
                    body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull()
                            && !java.time.Instant.parse(body.path("startedAt").asText()).isBefore(requested));
            assertThat(status.path("processedEvents").asLong()).isEqualTo(s.ledger.written().size());
            Map<String, String> after = snapshot(s);
            int round = rebuild;
            before.forEach((path, answer) -> assertThat(after.get(path))
                    .as("%s after rebuild %d", path, round).isEqualTo(answer));
            for (String shadow : List.of("application_view_shadow", "dashboard_application_shadow",
                    "commitment_entry_shadow")) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + shadow, Long.class)).as(shadow).isZero();
                assertThat(queryIndexes(jdbc, shadow)).as("query indexes of %s", shadow).isEmpty();
            }
            List<String> applicationIndexes = new java.util.ArrayList<>(List.of("ix_application_view_order",
                    "ix_application_view_district", "ix_application_view_direction_status_order",
                    "ix_application_view_district_status_order", "ix_application_view_direction_order",
                    "ix_application_view_credit_code"));
            if (postgres) {
                // the search indexes only PostgreSQL has (db/vendor/postgresql), carried through the swap too
                applicationIndexes.addAll(List.of("ix_application_view_id_prefix", "ix_application_view_name_pairs"));
            }
            assertThat(queryIndexes(jdbc, "application_view")).containsExactlyInAnyOrderElementsOf(applicationIndexes);
            assertThat(queryIndexes(jdbc, "dashboard_application")).containsExactlyInAnyOrder(
                    "ix_dashboard_application_cap_order", "ix_dashboard_application_district_cap_order");
            assertThat(queryIndexes(jdbc, "commitment_entry")).containsExactly("ix_commitment_entry_at");
            assertThat(jdbc.queryForObject("SELECT rebuilds FROM projection_state", Long.class)).isEqualTo(rebuild);
            if (postgres) {
                assertThat(jdbc.queryForObject("SELECT 'application_view'::regclass::oid", Long.class))
                        .as("on PostgreSQL the rebuilt table is renamed into place, not copied").isNotEqualTo(liveTable);
            }
        }
    }

    @Test
    void twoReplicasAskedToRebuildAtOnceRebuildOneAfterTheOther() {
        service = QueryService.start(database, "--ledger.projections.rebuild.chunk-size=3");
        QueryService.EventAppender log = service.appender(database);
        Scenario s = new Scenario(new Ledger().realTime());
        log.append(s.ledger.written());
        awaitAllGroupsCaughtUp(s.ledger.written().size());
        Map<String, String> before = snapshot(s);

        try (QueryService replica = QueryService.start(database, "--ledger.projections.rebuild.chunk-size=3")) {
            // both write the same shadow tables: had they run together, a swap could take in a half-built one
            assertThat(service.post("admin", "/api/admin/projections/rebuild").status()).isEqualTo(202);
            assertThat(replica.post("admin", "/api/admin/projections/rebuild").status()).isEqualTo(202);
            for (QueryService each : List.of(service, replica)) {
                JsonNode status = each.await("admin", "/api/admin/projections/status",
                        body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull());
                assertThat(status.path("processedEvents").asLong()).isEqualTo(s.ledger.written().size());
            }
        }
        org.springframework.jdbc.core.JdbcTemplate jdbc = service.context().getBean(
                org.springframework.jdbc.core.JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT rebuilds FROM projection_state", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM projection_state WHERE rebuild_owner IS NULL "
                + "AND rebuild_lease_until IS NULL", Long.class)).as("the lease released").isEqualTo(1);
        Map<String, String> after = snapshot(s);
        before.forEach((path, answer) -> assertThat(after.get(path)).as("%s after both rebuilds", path)
                .isEqualTo(answer));
    }

    /** The table's indexes other than its primary key's (lower case), as Flyway named them. */
    private static List<String> queryIndexes(org.springframework.jdbc.core.JdbcTemplate jdbc, String table) {
        return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) connection -> {
            java.sql.DatabaseMetaData meta = connection.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
            List<String> indexes = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), name,
                    false, false)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    if (index != null && rs.getBoolean("NON_UNIQUE") && !indexes.contains(index.toLowerCase())) {
                        indexes.add(index.toLowerCase());
                    }
                }
            }
            return indexes;
        });
    }

    @Test
    void eventsAppendedDuringARebuildCountExactlyOnce() throws Exception {
        service = QueryService.start(database, "--ledger.projections.rebuild.chunk-size=2",
                "--ledger.projections.rebuild.cached-applications=3");
        QueryService.EventAppender appender = service.appender(database);
        Scenario s = new Scenario(new Ledger().realTime());
        appender.append(s.ledger.written());
        int submitted = 6;
        for (int i = 0; i < 40; i++) {
            appender.append(oneApplication("Before " + i).written());
            submitted++;
        }
        awaitAllGroupsCaughtUp(0);
        long approvedBefore = service.get("auditor", "/api/dashboard/directions").json()
                .path("totals").path("districtApproved").asLong();

        // appends go on, one application at a time, until the rebuild has finished (and a little after)
        java.util.concurrent.atomic.AtomicBoolean rebuilt = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger during = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                int after = 0;
                while (after < 5) {
                    Ledger one = new Ledger().realTime();
                    one.approve(one.submit(Ledger.form("During " + during.get(), Direction.D1_5, District.JINNAN,
                            "100000", "0", "20000", false), "100000", "20000", Tier.MUNICIPAL));
                    appender.append(one.written());
                    during.incrementAndGet();
                    Thread.sleep(5);
                    if (rebuilt.get()) {
                        after++;
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        while (during.get() < 3) {
            QueryService.sleep(1);
        }
        assertThat(service.post("admin", "/api/admin/projections/rebuild").status()).isEqualTo(202);
        service.await("admin", "/api/admin/projections/status",
                body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull());
        rebuilt.set(true);
        writer.join(60_000);
        assertThat(failure.get()).isNull();
        long total = submitted + during.get();
        log.info("{} applications appended while the rebuild ran", during.get());

        awaitAllGroupsCaughtUp(0);
        JsonNode directions = service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("submitted").asLong() >= total);
        QueryService.sleep(1500);
        directions = service.get("auditor", "/api/dashboard/directions").json();
        assertThat(directions.path("totals").path("submitted").asLong()).isEqualTo(total);
        assertThat(directions.path("totals").path("districtApproved").asLong()).isEqualTo(approvedBefore + during.get());
        assertThat(service.get("auditor", "/api/applications?size=1").json().path("total").asLong()).isEqualTo(total);
        org.springframework.jdbc.core.JdbcTemplate jdbc = service.context().getBean(
                org.springframework.jdbc.core.JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dashboard_application", Long.class)).isEqualTo(total);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM application_view WHERE status = 'DISTRICT_APPROVED'",
                Long.class)).isEqualTo(jdbc.queryForObject(
                "SELECT COUNT(*) FROM dashboard_application WHERE status = 'DISTRICT_APPROVED'", Long.class));
        Map<String, String> settled = snapshot(s);

        // and a second rebuild, with nothing arriving, finds exactly the same
        assertThat(service.post("admin", "/api/admin/projections/rebuild").status()).isEqualTo(202);
        service.await("admin", "/api/admin/projections/status",
                body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull()
                        && body.path("processedEvents").asLong() == jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry", Long.class));
        QueryService.sleep(500);
        Map<String, String> again = snapshot(s);
        settled.forEach((path, answer) -> assertThat(again.get(path)).as("%s after a second rebuild", path)
                .isEqualTo(answer));
    }

    private static Ledger oneApplication(String name) {
        Ledger ledger = new Ledger().realTime();
        ledger.submit(Ledger.form(name, Direction.D1_5, District.JINNAN, "100000", "0", "20000", false),
                "100000", "20000", Tier.MUNICIPAL);
        return ledger;
    }

    // ---- the figures ----

    private void applications(Scenario s) {
        JsonNode a = ok(service.get("auditor", "/api/applications/" + s.a));
        assertThat(a.path("status").asText()).isEqualTo("TOPPED_UP");
        assertThat(a.path("tier").asText()).isEqualTo("MIIT_PILOT");
        assertThat(a.path("score").decimalValue()).isEqualTo(new BigDecimal("86.5"));
        assertThat(money(a, "eligibleInvestment", "requestedSpecialFunds", "awardedAmount", "topUpAmount",
                "totalSupport", "municipalShare", "districtShare"))
                .containsExactly("6000000.00", "1200000.00", "1200000.00", "600000.00", "1800000.00", "900000.00",
                        "900000.00");
        assertThat(a.path("direction").asText()).isEqualTo("1.1");
        assertThat(a.path("district").asText()).isEqualTo("XIQING");
        assertThat(a.path("projectName").asText()).isEqualTo("Alpha MES");
        assertThat(a.path("creditCode").asText()).hasSize(18);

        JsonNode b = ok(service.get("auditor", "/api/applications/" + s.b));
        assertThat(b.path("status").asText()).isEqualTo("SCORED");
        assertThat(b.path("tier").isNull()).isTrue();
        assertThat(money(b, "eligibleInvestment", "awardedAmount", "topUpAmount", "totalSupport"))
                .containsExactly("3333333.33", "0.00", "0.00", "0.00");
        JsonNode d = ok(service.get("auditor", "/api/applications/" + s.d));
        assertThat(d.path("score").isNull()).isTrue();
        assertThat(d.path("status").asText()).isEqualTo("DISTRICT_REJECTED");

        JsonNode list = ok(service.get("auditor", "/api/applications?page=0&size=4"));
        assertThat(list.path("total").asLong()).isEqualTo(6);
        assertThat(ids(list)).containsExactly(s.a.toString(), s.b.toString(), s.c.toString(), s.d.toString());
        assertThat(ids(ok(service.get("auditor", "/api/applications?page=1&size=4"))))
                .containsExactly(s.e.toString(), s.f.toString());
        JsonNode filtered = ok(service.get("auditor", "/api/applications?direction=1.1&status=SCORED"));
        assertThat(ids(filtered)).containsExactly(s.e.toString());
        assertThat(ids(ok(service.get("auditor", "/api/applications?district=XIQING"))))
                .containsExactly(s.a.toString(), s.c.toString());
        assertThat(service.get("auditor", "/api/applications?direction=9.9").status()).isEqualTo(400);
        assertThat(service.get("auditor", "/api/applications?status=LOST").status()).isEqualTo(400);
        assertThat(service.get("auditor", "/api/applications?size=0").status()).isEqualTo(400);

        QueryService.Response csv = service.get("auditor", "/api/applications?district=XIQING", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("id,projectName,applicantName,direction,district");
        assertThat(lines[1]).startsWith(s.a + ",Alpha MES,").contains(",TOPPED_UP,MIIT_PILOT,86.5,6000000.00,")
                .contains(",1800000.00,900000.00,900000.00,");
    }

    private void dashboards(Scenario s) {
        JsonNode body = ok(service.get("manager", "/api/dashboard/directions"));
        Map<String, List<Object>> rows = new LinkedHashMap<>();
        for (JsonNode d : body.path("directions")) {
            rows.put(d.path("code").asText(), List.of(d.path("cap").isNull() ? "null" : d.path("cap").asText(),
                    d.path("submitted").asLong(), d.path("districtApproved").asLong(), d.path("scored").asLong(),
                    d.path("awarded").asLong(), d.path("notSelected").asLong(), d.path("districtRejected").asLong(),
                    plain(d, "awardedAmount"), plain(d, "topUpAmount"), plain(d, "totalSupport")));
        }
        assertThat(rows.keySet()).containsExactly("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2",
                "2.3", "2.4", "2.5");
        assertThat(rows.get("1.1")).isEqualTo(List.of("10", 3L, 3L, 3L, 1L, 1L, 0L, "1200000.00", "600000.00", "1800000.00"));
        assertThat(rows.get("1.2")).isEqualTo(List.of("null", 1L, 0L, 0L, 0L, 0L, 1L, "0.00", "0.00", "0.00"));
        assertThat(rows.get("1.3")).isEqualTo(List.of("null", 1L, 1L, 1L, 1L, 0L, 0L, "246913.57", "0.00", "246913.57"));
        assertThat(rows.get("2.1")).isEqualTo(List.of("null", 1L, 1L, 1L, 0L, 0L, 0L, "0.00", "0.00", "0.00"));
        assertThat(body.path("directions").get(0).path("name").asText()).isEqualTo("关键领域信息技术集成应用示范");
        JsonNode t = body.path("totals");
        assertThat(List.of(t.path("submitted").asLong(), t.path("districtApproved").asLong(), t.path("scored").asLong(),
                t.path("awarded").asLong(), t.path("notSelected").asLong(), t.path("districtRejected").asLong(),
                plain(t, "awardedAmount"), plain(t, "topUpAmount"), plain(t, "totalSupport")))
                .isEqualTo(List.of(6L, 5L, 5L, 2L, 1L, 1L, "1446913.57", "600000.00", "2046913.57"));

        JsonNode caps = ok(service.get("reviewer", "/api/dashboard/caps")).path("caps");
        assertThat(caps).hasSize(1);
        assertThat(caps.get(0).path("direction").asText()).isEqualTo("1.1");
        assertThat(List.of(caps.get(0).path("cap").asLong(), caps.get(0).path("awarded").asLong(),
                caps.get(0).path("remaining").asLong())).isEqualTo(List.of(10L, 1L, 9L));
        JsonNode candidates = caps.get(0).path("candidates");
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).path("id").asText()).isEqualTo(s.e.toString());
        assertThat(candidates.get(0).path("projectName").asText()).isEqualTo("Epsilon Twin");
        assertThat(candidates.get(0).path("score").decimalValue()).isEqualByComparingTo("70");
        assertThat(candidates.get(0).path("district").asText()).isEqualTo("BINHAI");
        assertThat(caps.get(0).path("candidateCount").asLong()).isEqualTo(1);

        // a district officer sees only their own district's candidates, and counts only them; the cap's
        // figures stay city-wide
        JsonNode binhai = ok(service.get("district-binhai", "/api/dashboard/caps")).path("caps").get(0);
        assertThat(binhai.path("candidates")).hasSize(1);
        assertThat(binhai.path("candidateCount").asLong()).isEqualTo(1);
        JsonNode xiqing = ok(service.get("district-xiqing", "/api/dashboard/caps")).path("caps").get(0);
        assertThat(xiqing.path("candidates")).as("E is BINHAI's").isEmpty();
        assertThat(xiqing.path("candidateCount").asLong()).isZero();
        assertThat(List.of(xiqing.path("cap").asLong(), xiqing.path("awarded").asLong(),
                xiqing.path("remaining").asLong())).isEqualTo(List.of(10L, 1L, 9L));

        JsonNode districts = ok(service.get("district-hexi", "/api/dashboard/districts")).path("districts");
        List<String> codes = new ArrayList<>();
        Map<String, List<Object>> byCode = new LinkedHashMap<>();
        for (JsonNode d : districts) {
            codes.add(d.path("code").asText());
            byCode.put(d.path("code").asText(), List.of(d.path("name").asText(), d.path("awardedProjects").asLong(),
                    plain(d, "totalSupport"), plain(d, "municipalShare"), plain(d, "matchingObligation"),
                    plain(d, "pendingExposure")));
        }
        assertThat(codes).containsExactly("HEPING", "HEDONG", "HEXI", "NANKAI", "HEBEI", "HONGQIAO", "DONGLI",
                "XIQING", "JINNAN", "BEICHEN", "WUQING", "BAODI", "NINGHE", "JINGHAI", "JIZHOU", "BINHAI");
        assertThat(byCode.get("XIQING")).isEqualTo(List.of("西青区", 1L, "1800000.00", "900000.00", "900000.00", "0.00"));
        assertThat(byCode.get("BINHAI")).isEqualTo(List.of("滨海新区", 0L, "0.00", "0.00", "0.00", "1833333.33"));
        assertThat(byCode.get("DONGLI")).isEqualTo(List.of("东丽区", 1L, "246913.57", "123456.79", "123456.78", "0.00"));
        assertThat(byCode.get("HEPING")).isEqualTo(List.of("和平区", 0L, "0.00", "0.00", "0.00", "0.00"));
    }

    private void finance(Scenario s) {
        JsonNode now = ok(service.get("finance", "/api/finance/commitments"));
        assertThat(now.path("asOf").isNull()).isFalse();
        assertThat(List.of(plain(now, "totalCommitted"), plain(now, "municipal"), plain(now, "district")))
                .isEqualTo(List.of("2046913.57", "1023456.79", "1023456.78"));
        assertThat(List.of(plain(now.path("byTier"), "MUNICIPAL"), plain(now.path("byTier"), "MIIT_PILOT")))
                .isEqualTo(List.of("1446913.57", "600000.00"));
        Map<String, String> byDirection = new LinkedHashMap<>();
        now.path("byDirection").forEach(d -> byDirection.put(d.path("code").asText(), plain(d, "amount")));
        assertThat(byDirection).hasSize(12).containsEntry("1.1", "1800000.00").containsEntry("1.3", "246913.57")
                .containsEntry("2.1", "0.00");
        Map<String, List<String>> byDistrict = new LinkedHashMap<>();
        now.path("byDistrict").forEach(d -> byDistrict.put(d.path("code").asText(),
                List.of(plain(d, "amount"), plain(d, "municipal"), plain(d, "district"))));
        assertThat(byDistrict).hasSize(16);
        assertThat(byDistrict.get("XIQING")).isEqualTo(List.of("1800000.00", "900000.00", "900000.00"));
        assertThat(byDistrict.get("DONGLI")).isEqualTo(List.of("246913.57", "123456.79", "123456.78"));
        List<List<String>> entries = new ArrayList<>();
        now.path("entries").forEach(e -> entries.add(List.of(e.path("applicationId").asText(), e.path("kind").asText(),
                plain(e, "amount"), plain(e, "municipalShare"), plain(e, "districtShare"))));
        assertThat(entries).containsExactly(
                List.of(s.a.toString(), "AWARD", "1200000.00", "600000.00", "600000.00"),
                List.of(s.f.toString(), "AWARD", "246913.57", "123456.79", "123456.78"),
                List.of(s.a.toString(), "TOP_UP", "600000.00", "300000.00", "300000.00"));
        assertThat(now.path("entryCount").asLong()).isEqualTo(3);

        // entries come a page at a time (oldest first), the count and the totals cover every entry
        JsonNode second = ok(service.get("finance", "/api/finance/commitments?entriesPage=1&entriesSize=1"));
        assertThat(second.path("entries")).hasSize(1);
        assertThat(second.path("entries").get(0).path("applicationId").asText()).isEqualTo(s.f.toString());
        assertThat(second.path("entryCount").asLong()).isEqualTo(3);
        assertThat(plain(second, "totalCommitted")).isEqualTo("2046913.57");
        assertThat(ok(service.get("finance", "/api/finance/commitments?entriesPage=3&entriesSize=1")).path("entries")).isEmpty();
        for (String refused : List.of("entriesSize=0", "entriesSize=1001", "entriesPage=-1")) {
            QueryService.Response response = service.get("finance", "/api/finance/commitments?" + refused);
            assertThat(response.status()).as(refused).isEqualTo(400);
            assertThat(response.json().path("field").asText()).isEqualTo(refused.substring(0, refused.indexOf('=')));
        }

        // as of the second award's instant (included), before the top-up
        List<DomainEventMessage<?>> events = s.ledger.written();
        Instant secondAward = events.get(events.size() - 2).getTimestamp();
        JsonNode then = ok(service.get("auditor", "/api/finance/commitments?asOf=" + secondAward));
        assertThat(Instant.parse(then.path("asOf").asText())).isEqualTo(secondAward);
        assertThat(plain(then, "totalCommitted")).isEqualTo("1446913.57");
        assertThat(then.path("entries")).hasSize(2);
        assertThat(then.path("entryCount").asLong()).isEqualTo(2);
        assertThat(plain(then.path("byTier"), "MIIT_PILOT")).isEqualTo("0.00");
        JsonNode before = ok(service.get("manager", "/api/finance/commitments?asOf=2000-01-01T00:00:00Z"));
        assertThat(plain(before, "totalCommitted")).isEqualTo("0.00");
        assertThat(before.path("entries")).isEmpty();
        assertThat(before.path("entryCount").asLong()).isZero();

        QueryService.Response csv = service.get("admin", "/api/finance/commitments", "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines).hasSize(4);
        // a UTF-8 byte order mark first (Excel), the names last
        assertThat(lines[0]).isEqualTo("\uFEFFapplicationId,kind,direction,district,tier,amount,municipalShare,"
                + "districtShare,at,projectName,applicantName");
        assertThat(lines[3]).startsWith(s.a + ",TOP_UP,1.1,XIQING,MIIT_PILOT,600000.00,300000.00,300000.00,");
    }

    private void reference() {
        JsonNode reference = ok(service.get("district-binhai", "/api/reference"));
        assertThat(reference.path("directions")).hasSize(12);
        assertThat(reference.path("directions").get(0).path("cap").asInt()).isEqualTo(10);
        assertThat(reference.path("directions").get(11).path("name").asText()).isEqualTo("工业互联网平台试验测试环境和测试床建设");
        assertThat(reference.path("districts")).hasSize(16);
        assertThat(reference.path("districts").get(15).path("name").asText()).isEqualTo("滨海新区");
        List<String> excluded = new ArrayList<>();
        reference.path("expenditureCategories").forEach(c -> {
            if (c.path("excluded").asBoolean()) {
                excluded.add(c.path("code").asText());
            }
        });
        assertThat(excluded).containsExactly("DIGITAL_PRODUCTION_EQUIPMENT", "TEST_INSTRUMENTS", "CIVIL_WORKS");
        assertThat(reference.path("materials")).hasSize(7);
        assertThat(reference.path("expenditureCategories").get(14).path("name").asText()).isEqualTo("房屋土建改造费");
        assertThat(reference.path("materials").get(5).path("name").asText()).isEqualTo("工信部试点示范批复文件或合同");
        assertThat(reference.path("tiers").get(1).path("name").asText()).isEqualTo("工信部试点示范");
        assertThat(reference.path("roles").get(0).path("name").asText()).isEqualTo("区主管部门");
        assertThat(plain(reference.path("tiers").get(1), "cap")).isEqualTo("5000000.00");
    }

    private void historyAndAsOf(Scenario s) {
        JsonNode history = ok(service.get("auditor", "/api/applications/" + s.a + "/history"));
        List<String> types = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        history.path("events").forEach(e -> {
            types.add(e.path("type").asText());
            sequences.add(e.path("sequence").asLong());
            assertThat(e.path("timestamp").asText()).endsWith("Z");
            assertThat(e.path("correlationId").asText()).startsWith("corr-");
        });
        assertThat(types).containsExactly("ApplicationSubmitted", "DistrictApproved", "ApplicationScored",
                "ApplicationAwarded", "AwardToppedUp");
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
        JsonNode first = history.path("events").get(0);
        assertThat(first.path("actor").asText()).isEqualTo("district-xiqing");
        assertThat(first.path("actorRole").asText()).isEqualTo("ADMIN");
        assertThat(first.path("actorDistrict").isNull()).isTrue();
        assertThat(first.path("payload").path("form").path("projectName").asText()).isEqualTo("Alpha MES");
        assertThat(history.path("events").get(3).path("payload").path("amount").decimalValue())
                .isEqualTo(new BigDecimal("1200000.00"));
        Instant awardedAt = Instant.parse(history.path("events").get(3).path("timestamp").asText());
        Instant submittedAt = Instant.parse(first.path("timestamp").asText());

        JsonNode asOfAward = ok(service.get("auditor", "/api/applications/" + s.a + "/as-of?at=" + awardedAt));
        assertThat(asOfAward.path("status").asText()).isEqualTo("AWARDED");
        assertThat(asOfAward.path("tier").asText()).isEqualTo("MUNICIPAL");
        assertThat(money(asOfAward, "awardedAmount", "topUpAmount", "totalSupport", "districtShare"))
                .containsExactly("1200000.00", "0.00", "1200000.00", "600000.00");
        JsonNode asOfSubmission = ok(service.get("auditor", "/api/applications/" + s.a + "/as-of?at=" + submittedAt));
        assertThat(asOfSubmission.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(asOfSubmission.path("score").isNull()).isTrue();
        QueryService.Response before = service.get("auditor", "/api/applications/" + s.a + "/as-of?at="
                + submittedAt.minusNanos(1000));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.code()).isEqualTo("NOT_FOUND");
        // now, the as-of view equals the projected one
        JsonNode current = ok(service.get("auditor", "/api/applications/" + s.a + "/as-of?at=" + Instant.now()));
        assertThat(current).isEqualTo(ok(service.get("auditor", "/api/applications/" + s.a)));
        assertThat(service.get("auditor", "/api/applications/" + s.a + "/as-of?at=yesterday").status()).isEqualTo(400);
    }

    private void accessRules(Scenario s) {
        String unknown = "/api/applications/" + UUID.randomUUID();
        assertThat(service.get(null, "/api/dashboard/directions").status()).isEqualTo(401);
        assertThat(service.get("district-xiqing", "/api/applications/" + s.a).status()).isEqualTo(200);
        QueryService.Response other = service.get("district-xiqing", "/api/applications/" + s.b);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("FORBIDDEN");
        assertThat(service.get("district-xiqing", unknown).status()).isEqualTo(404);
        assertThat(service.get("district-xiqing", unknown + "/history").status()).isEqualTo(404);
        assertThat(service.get("reviewer", unknown + "/history").status()).isEqualTo(404);
        assertThat(service.get("auditor", "/api/applications/not-a-uuid").status()).isEqualTo(400);
        JsonNode own = ok(service.get("district-xiqing", "/api/applications"));
        assertThat(ids(own)).containsExactly(s.a.toString(), s.c.toString());
        assertThat(own.path("total").asLong()).isEqualTo(2);
        assertThat(service.get("district-xiqing", "/api/applications?district=BINHAI").status()).isEqualTo(403);
        assertThat(service.get("district-xiqing", "/api/applications/" + s.b + "/as-of?at=" + Instant.now()).status())
                .isEqualTo(403);

        assertThat(service.get("district-xiqing", "/api/applications/" + s.a + "/history").status()).isEqualTo(200);
        assertThat(service.get("district-binhai", "/api/applications/" + s.a + "/history").status()).isEqualTo(403);
        assertThat(service.get("reviewer", "/api/applications/" + s.a + "/history").status()).isEqualTo(403);
        assertThat(service.get("finance", "/api/applications/" + s.a + "/history").status()).isEqualTo(403);
        assertThat(service.get("manager", "/api/applications/" + s.a + "/history").status()).isEqualTo(200);
        assertThat(service.get("admin", "/api/applications/" + s.a + "/history").status()).isEqualTo(200);

        for (String user : List.of("finance", "manager", "auditor", "admin")) {
            assertThat(service.get(user, "/api/finance/commitments").status()).as(user).isEqualTo(200);
        }
        for (String user : List.of("reviewer", "district-xiqing")) {
            QueryService.Response refused = service.get(user, "/api/finance/commitments");
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
            // the ledger's entries are not a district officer's to read, in CSV either
            QueryService.Response csv = service.get(user, "/api/finance/commitments", "text/csv");
            assertThat(csv.status()).as(user).isEqualTo(403);
            assertThat(csv.text()).doesNotContain(s.f.toString());
        }
        // district officers' search results and their total: their district's rows only
        JsonNode dongli = ok(service.get("district-dongli", "/api/applications?direction=1.3"));
        assertThat(ids(dongli)).containsExactly(s.f.toString());
        assertThat(dongli.path("total").asLong()).isEqualTo(1);
        JsonNode heping = ok(service.get("district-heping", "/api/applications?status=SCORED"));
        assertThat(ids(heping)).isEmpty();
        assertThat(heping.path("total").asLong()).isZero();
        // the scrape account reads no API
        for (String path : List.of("/api/dashboard/directions", "/api/dashboard/caps", "/api/applications",
                "/api/finance/commitments", "/api/reference", "/api/applications/" + s.a)) {
            assertThat(service.get("metrics", path).status()).as(path).isEqualTo(403);
        }
        for (String user : List.of("reviewer", "district-xiqing", "manager", "auditor")) {
            assertThat(service.get(user, "/api/dashboard/districts").status()).isEqualTo(200);
            assertThat(service.post(user, "/api/admin/projections/rebuild").status()).as(user).isEqualTo(403);
            assertThat(service.get(user, "/api/admin/projections/status").status()).as(user).isEqualTo(403);
        }
    }

    private void metrics() {
        assertThat(service.get(null, "/actuator/prometheus", "text/plain").status()).isEqualTo(401);
        assertThat(service.get("finance", "/actuator/prometheus", "text/plain").status()).isEqualTo(403);
        assertThat(service.get(null, "/actuator/metrics").status()).isEqualTo(401);
        assertThat(service.get("admin", "/actuator/metrics").status()).isEqualTo(403);
        assertThat(service.get("admin", "/actuator/prometheus", "text/plain").status()).isEqualTo(200);
        QueryService.Response prometheus = service.get("metrics", "/actuator/prometheus", "text/plain");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.text())
                .contains("ledger_projection_lag_events{", "processingGroup=\"applications-view\"",
                        "processingGroup=\"dashboard-view\"", "processingGroup=\"finance-ledger\"")
                .contains("ledger_projection_rebuild_progress")
                .contains("ledger_funds_committed_yuan{")
                .containsPattern("ledger_funds_committed_yuan\\{[^}]*share=\"total\"[^}]*} 2046913.57");
    }

    /** From append to read model: logged, not asserted (the machine decides). */
    private void lag(QueryService.EventAppender appender) {
        Ledger one = new Ledger().realTime();
        UUID id = one.submit(Ledger.form("Lag probe", Direction.D1_5, District.JINNAN, "100000", "0", "20000", false),
                "100000", "20000", Tier.MUNICIPAL);
        long start = System.nanoTime();
        appender.append(one.written());
        while (service.get("auditor", "/api/applications/" + id).status() != 200) {
            QueryService.sleep(2);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("Append-to-read-model lag on {}: {} ms", database.schema() == null ? "H2" : "PostgreSQL", millis);
    }

    // ---- the rebuild's before/after comparison ----

    private Map<String, String> snapshot(Scenario s) {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of("/api/applications?size=100", "/api/dashboard/directions",
                "/api/dashboard/caps", "/api/dashboard/districts", "/api/reference",
                "/api/finance/commitments?asOf=2100-01-01T00:00:00Z"));
        for (UUID id : List.of(s.a, s.b, s.c, s.d, s.e, s.f)) {
            paths.add("/api/applications/" + id);
            paths.add("/api/applications/" + id + "/history");
        }
        for (String path : paths) {
            QueryService.Response response = service.get("admin", path);
            assertThat(response.status()).as(path).isEqualTo(200);
            answers.put(path, response.text());
        }
        answers.put("csv applications", service.get("admin", "/api/applications", "text/csv").text());
        answers.put("csv commitments", service.get("admin", "/api/finance/commitments", "text/csv").text());
        return answers;
    }

    // ---- helpers ----

    private void awaitAllGroupsCaughtUp(long events) {
        Instant deadline = Instant.now().plusSeconds(60);
        org.springframework.jdbc.core.JdbcTemplate jdbc = service.context().getBean(
                org.springframework.jdbc.core.JdbcTemplate.class);
        cn.tj.specialfund.query.projection.TokenPositions tokens = service.context().getBean(
                cn.tj.specialfund.query.projection.TokenPositions.class);
        while (Instant.now().isBefore(deadline)) {
            long head = tokens.head();
            Map<String, Long> positions = tokens.slowestPositions();
            // every read model's processing group (three, and the disbursements ledger of §8), and the tree builder
            if (positions.size() == 5 && positions.containsKey("audit-tree") && positions.values().stream().allMatch(p -> p >= head)
                    && jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class) >= events) {
                // and the dashboards answer from memory: a snapshot taken at those tokens
                cn.tj.specialfund.query.dashboard.DashboardsCaughtUp.await(service.context());
                return;
            }
            QueryService.sleep(20);
        }
        throw new AssertionError("processors did not reach the head within 60 s");
    }

    private void transactionsAreShared() throws Exception {
        TransactionManager axon = service.context().getBean(TransactionManager.class);
        assertThat(axon).isInstanceOf(SpringTransactionManager.class);
        Field field = SpringTransactionManager.class.getDeclaredField("transactionManager");
        field.setAccessible(true);
        assertThat(field.get(axon)).isInstanceOf(JpaTransactionManager.class)
                .isSameAs(service.context().getBean(PlatformTransactionManager.class));
    }

    private static JsonNode ok(QueryService.Response response) {
        assertThat(response.status()).as("%s", response.text()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.path("items").spliterator(), false).map(i -> i.path("id").asText()).toList();
    }

    private static List<String> money(JsonNode node, String... fields) {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            values.add(plain(node, field));
        }
        return values;
    }

    /** A JSON number as written to the fen: 1200000.00. */
    private static String plain(JsonNode node, String field) {
        JsonNode value = node.path(field);
        assertThat(value.isNumber()).as("%s is a number in %s", field, node).isTrue();
        return value.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
