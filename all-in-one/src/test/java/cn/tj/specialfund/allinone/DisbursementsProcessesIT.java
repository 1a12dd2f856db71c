package cn.tj.specialfund.allinone;

import cn.tj.specialfund.command.CommandServiceApplication;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.query.QueryServiceApplication;
import cn.tj.specialfund.sample.SampleCall;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments and reversals of both sources over HTTP, the command side and the query side as separate contexts on
 * one database: every figure of GET /api/finance/disbursements (contract §8) is checked to the fen against the
 * test's own arithmetic, now and as of three instants (before any payment, after the payments, after a reversal),
 * the overdue matching funds as of 89 and 92 days on, a district officer's view and its 403s, the applications'
 * municipalPaid/districtPaid, and the same figures after a rebuild.
 */
class DisbursementsProcessesIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    /** An awarded application as the command side answered: its shares, and what the test paid of them. */
    private static final class App {
        final UUID id;
        final String direction;
        final String district;
        final String projectName;
        BigDecimal municipalCommitted = ZERO;
        BigDecimal districtCommitted = ZERO;

        App(UUID id, String direction, String district, String projectName) {
            this.id = id;
            this.direction = direction;
            this.district = district;
            this.projectName = projectName;
        }
    }

    /** A payment the test made, and the phase from which it counts as reversed (MAX_VALUE: never). */
    private record Paid(String disbursementId, App app, String source, BigDecimal amount, String paidOn,
                        String voucher, int phase, int reversedFrom) {
    }

    private final Map<UUID, UUID> serverIds = new HashMap<>();
    private final Map<UUID, App> apps = new LinkedHashMap<>();
    private final Map<UUID, String[]> submitted = new HashMap<>();
    private final List<Paid> payments = new ArrayList<>();
    private final java.util.Set<UUID> toppedUpIds = new java.util.HashSet<>();
    private final ProgramRules rules = ProgramRules.CALL_2020;
    /** The Beijing dates of the first and the last award or top-up (one day unless the test spans midnight). */
    private java.time.LocalDate firstCommittedOn;
    private java.time.LocalDate lastCommittedOn;

    @Test
    void everyFigureToTheFenNowAndAsOfThreeInstantsForEveryRoleAndAfterARebuild() {
        IsolatedDatabase database = IsolatedDatabase.create();
        try (ServiceProcess command = ServiceProcess.start(CommandServiceApplication.class, "command-service", database);
             ServiceProcess query = ServiceProcess.start(QueryServiceApplication.class, "query-service", database)) {
            LedgerHttp commands = new LedgerHttp(command.port());
            LedgerHttp reads = new LedgerHttp(query.port());
            SampleCall call = SampleCall.generate(20_201_215L, SampleCall.MINIMUM_COUNT);
            call.lifecycleSteps().forEach(step -> run(commands, step));
            List<App> awarded = new ArrayList<>(apps.values());
            App toppedUp = awarded.stream().filter(a -> toppedUpIds.contains(a.id)).findFirst()
                    .orElse(awarded.get(0));
            List<App> others = awarded.stream().filter(a -> a != toppedUp).toList();
            App second = others.get(0);
            App third = others.stream().filter(a -> !a.district.equals(toppedUp.district)
                    && !a.district.equals(second.district)).findFirst().orElse(others.get(1));

            Instant beforePayments = pause();
            // phase 1: the city pays the first application's whole share in two payments, its district half of its
            // own; the city pays 1 000.01 of the second, whose district pays all; the third's district pays a fen
            BigDecimal firstPart = half(toppedUp.municipalCommitted);
            pay(commands, toppedUp, "MUNICIPAL", firstPart, 1);
            pay(commands, toppedUp, "MUNICIPAL", toppedUp.municipalCommitted.subtract(firstPart), 1);
            pay(commands, toppedUp, "DISTRICT", half(toppedUp.districtCommitted), 1);
            Paid reversedLater = pay(commands, second, "MUNICIPAL", new BigDecimal("1000.01"), 1);
            pay(commands, second, "DISTRICT", second.districtCommitted, 1);
            pay(commands, third, "DISTRICT", new BigDecimal("0.01"), 1);
            Instant afterPayments = pause();
            // phase 2: the 1 000.01 is reversed, and the city pays 0.02 of the second instead
            LedgerHttp.Response reversal = commands.post("finance", "finance", "/api/applications/" + second.id
                    + "/disbursements/" + reversedLater.disbursementId() + "/reversal", Map.of("reason", "凭证金额有误"));
            assertThat(reversal.status()).as("%s", reversal.body()).isEqualTo(200);
            payments.set(payments.indexOf(reversedLater), new Paid(reversedLater.disbursementId(), second, "MUNICIPAL",
                    reversedLater.amount(), reversedLater.paidOn(), reversedLater.voucher(), 1, 2));
            pay(commands, second, "MUNICIPAL", new BigDecimal("0.02"), 2);
            Instant afterReversal = pause();

            awaitFigures(reads, null, 2);
            assertFigures(reads, beforePayments, 0);
            assertFigures(reads, afterPayments, 1);
            assertFigures(reads, afterReversal, 2);
            assertOverdue(reads);
            assertPaging(reads);
            assertApplicationsPaid(reads, second, afterPayments);
            assertDistrictOfficer(reads, third);

            LedgerHttp.Response rebuild = reads.post("admin", "admin", "/api/admin/projections/rebuild", Map.of());
            assertThat(rebuild.status()).isEqualTo(202);
            awaitRebuilt(reads);
            assertFigures(reads, null, 2);
            assertFigures(reads, afterPayments, 1);
            assertThat(reads.get("admin", "admin", "/api/admin/projections/status").body()
                    .path("deadLetters").path("disbursements-ledger").asLong()).isZero();
        } finally {
            database.drop();
        }
    }

    private void run(LedgerHttp commands, SampleCall.Step step) {
        UUID id = serverIds.getOrDefault(step.applicationId(), step.applicationId());
        SampleCall.HttpRequest request = step.http(id);
        LedgerHttp.Response response = commands.post(step.actor().username(), step.demoPassword(), request.path(),
                request.body());
        assertThat(response.status()).as("%s: %s", request.path(), response.body()).isIn(200, 201);
        if (step.command() instanceof SubmitApplication submit) {
            UUID serverId = UUID.fromString(response.body().get("id").asText());
            serverIds.put(step.applicationId(), serverId);
            submitted.put(serverId, new String[]{submit.form().direction().code(),
                    submit.form().applicant().district().name(), submit.form().projectName()});
        } else if (step.command() instanceof AwardApplication || step.command() instanceof TopUpAward) {
            java.time.LocalDate today = rules.callDate(Instant.now());
            firstCommittedOn = firstCommittedOn == null ? today : firstCommittedOn;
            lastCommittedOn = today;
            String[] form = submitted.get(id);
            App app = apps.computeIfAbsent(id, key -> new App(key, form[0], form[1], form[2]));
            app.municipalCommitted = app.municipalCommitted.add(fen(response.body().get("municipalShare")));
            app.districtCommitted = app.districtCommitted.add(fen(response.body().get("districtShare")));
            if (step.command() instanceof TopUpAward) {
                toppedUpIds.add(id);
            }
        }
    }

    private Paid pay(LedgerHttp commands, App app, String source, BigDecimal amount, int phase) {
        String voucher = "津财指〔2021〕" + (payments.size() + 1) + "号";
        String paidOn = rules.callDate(Instant.now()).toString();
        String user = source.equals("MUNICIPAL") ? "finance" : "district-" + app.district.toLowerCase();
        String password = source.equals("MUNICIPAL") ? "finance" : "district";
        LedgerHttp.Response response = commands.post(user, password, "/api/applications/" + app.id + "/disbursements",
                Map.of("source", source, "amount", amount, "paidOn", paidOn, "voucher", voucher));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        Paid paid = new Paid(response.body().get("disbursementId").asText(), app, source, amount, paidOn, voucher,
                phase, Integer.MAX_VALUE);
        payments.add(paid);
        return paid;
    }

    private static BigDecimal half(BigDecimal amount) {
        return amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.FLOOR);
    }

    /** The figures expected at a phase (within a district if not null), as the answer's JSON members. */
    private Map<String, Object> expected(int phase, String onlyDistrict, boolean overdueAll) {
        Map<String, BigDecimal[]> districts = new LinkedHashMap<>();
        for (District d : District.values()) {
            districts.put(d.name(), new BigDecimal[]{ZERO, ZERO});
        }
        Map<String, BigDecimal[]> directions = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            directions.put(d.code(), new BigDecimal[]{ZERO, ZERO});
        }
        BigDecimal[] municipal = {ZERO, ZERO};
        BigDecimal[] district = {ZERO, ZERO};
        for (App app : apps.values()) {
            if (onlyDistrict != null && !onlyDistrict.equals(app.district)) {
                continue;
            }
            BigDecimal cityPaid = paid(app, "MUNICIPAL", phase);
            BigDecimal districtPaid = paid(app, "DISTRICT", phase);
            municipal[0] = municipal[0].add(app.municipalCommitted);
            municipal[1] = municipal[1].add(cityPaid);
            district[0] = district[0].add(app.districtCommitted);
            district[1] = district[1].add(districtPaid);
            BigDecimal[] d = districts.get(app.district);
            d[0] = d[0].add(app.districtCommitted);
            d[1] = d[1].add(districtPaid);
            BigDecimal[] r = directions.get(app.direction);
            r[0] = r[0].add(app.municipalCommitted).add(app.districtCommitted);
            r[1] = r[1].add(cityPaid).add(districtPaid);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        BigDecimal committed = municipal[0].add(district[0]);
        BigDecimal paid = municipal[1].add(district[1]);
        figures.put("committed", committed);
        figures.put("paid", paid);
        figures.put("outstanding", committed.subtract(paid));
        figures.put("municipal", List.of(municipal[0], municipal[1], municipal[0].subtract(municipal[1])));
        figures.put("district", List.of(district[0], district[1], district[0].subtract(district[1])));
        List<List<Object>> byDistrict = new ArrayList<>();
        districts.forEach((code, d) -> byDistrict.add(List.of(code, d[0], d[1], d[0].subtract(d[1]),
                overdueAll ? d[0].subtract(d[1]) : ZERO)));
        figures.put("byDistrict", byDistrict);
        List<List<Object>> byDirection = new ArrayList<>();
        directions.forEach((code, d) -> byDirection.add(List.of(code, d[0], d[1])));
        figures.put("byDirection", byDirection);
        List<List<Object>> entries = new ArrayList<>();
        payments.stream().filter(p -> phase >= p.phase())
                .filter(p -> onlyDistrict == null || onlyDistrict.equals(p.app().district))
                .forEach(p -> entries.add(List.of(p.disbursementId(), p.app().id.toString(), p.app().projectName,
                        p.source(), p.amount().setScale(2), p.paidOn(), p.voucher(), phase >= p.reversedFrom())));
        figures.put("entryCount", (long) entries.size());
        figures.put("entries", entries);
        return figures;
    }

    private BigDecimal paid(App app, String source, int phase) {
        return payments.stream().filter(p -> p.app() == app && p.source().equals(source) && phase >= p.phase()
                        && phase < p.reversedFrom())
                .map(Paid::amount).reduce(ZERO, BigDecimal::add);
    }

    /** The answer's figures in the shape of {@link #expected}. */
    private static Map<String, Object> shown(JsonNode body) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("committed", fen(body.get("committed")));
        figures.put("paid", fen(body.get("paid")));
        figures.put("outstanding", fen(body.get("outstanding")));
        for (String source : List.of("municipal", "district")) {
            JsonNode s = body.get(source);
            figures.put(source, List.of(fen(s.get("committed")), fen(s.get("paid")),
                    fen(s.get("outstanding"))));
        }
        List<List<Object>> byDistrict = new ArrayList<>();
        body.get("byDistrict").forEach(d -> byDistrict.add(List.of(d.get("code").asText(),
                fen(d.get("matchingCommitted")), fen(d.get("matchingPaid")),
                fen(d.get("matchingOutstanding")), fen(d.get("overdue")))));
        figures.put("byDistrict", byDistrict);
        List<List<Object>> byDirection = new ArrayList<>();
        body.get("byDirection").forEach(d -> byDirection.add(List.of(d.get("code").asText(),
                fen(d.get("committed")), fen(d.get("paid")))));
        figures.put("byDirection", byDirection);
        List<List<Object>> entries = new ArrayList<>();
        body.get("entries").forEach(e -> entries.add(List.of(e.get("disbursementId").asText(),
                e.get("applicationId").asText(), e.get("projectName").asText(), e.get("source").asText(),
                fen(e.get("amount")), e.get("paidOn").asText(), e.get("voucher").asText(),
                e.get("reversed").asBoolean())));
        figures.put("entryCount", body.get("entryCount").asLong());
        figures.put("entries", entries);
        return figures;
    }

    /** An amount of the answer, which must have at most two decimals (the client's parser drops trailing zeros). */
    private static BigDecimal fen(JsonNode amount) {
        return amount.decimalValue().setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String query(Instant asOf, String more) {
        String parameters = (asOf == null ? "" : "asOf=" + asOf) + (more.isEmpty() || asOf == null ? "" : "&") + more;
        return "/api/finance/disbursements" + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    private void assertFigures(LedgerHttp reads, Instant asOf, int phase) {
        JsonNode body = ok(reads.get("finance", "finance", query(asOf, "")));
        assertThat(shown(body)).as("as of %s", asOf).isEqualTo(expected(phase, null, false));
        if (asOf != null) {
            assertThat(Instant.parse(body.get("asOf").asText())).isEqualTo(asOf);
        }
        for (String user : List.of("manager", "auditor", "admin")) {
            assertThat(shown(ok(reads.get(user, user, query(asOf, ""))))).isEqualTo(expected(phase, null, false));
        }
    }

    private void awaitFigures(LedgerHttp reads, Instant asOf, int phase) {
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (true) {
            try {
                assertFigures(reads, asOf, phase);
                return;
            } catch (AssertionError | RuntimeException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                pause();
            }
        }
    }

    /** 90 days after the awards (Beijing dates) every district share still unpaid is overdue, not before. */
    private void assertOverdue(LedgerHttp reads) {
        Instant in89Days = Instant.now().plus(Duration.ofDays(89));
        Instant in92Days = Instant.now().plus(Duration.ofDays(92));
        assertThat(shown(ok(reads.get("auditor", "auditor", query(in89Days, ""))))).isEqualTo(expected(2, null, false));
        assertThat(shown(ok(reads.get("auditor", "auditor", query(in92Days, ""))))).isEqualTo(expected(2, null, true));
        // beyond §8, each district's oldest overdue term and the days since: none on day 89; on day 92 every
        // district with matching funds overdue is two days past a term that ended 90 days after the awards
        ok(reads.get("auditor", "auditor", query(in89Days, ""))).get("byDistrict").forEach(d -> {
            assertThat(d.get("oldestOverdueDueBy").isNull()).as("%s", d).isTrue();
            assertThat(d.get("daysOverdue").isNull()).as("%s", d).isTrue();
        });
        java.time.LocalDate day92 = rules.callDate(in92Days);
        int overdueDistricts = 0;
        for (JsonNode d : ok(reads.get("auditor", "auditor", query(in92Days, ""))).get("byDistrict")) {
            if (fen(d.get("overdue")).signum() == 0) {
                assertThat(d.get("oldestOverdueDueBy").isNull()).as("%s", d).isTrue();
                assertThat(d.get("daysOverdue").isNull()).as("%s", d).isTrue();
                continue;
            }
            overdueDistricts++;
            java.time.LocalDate dueBy = java.time.LocalDate.parse(d.get("oldestOverdueDueBy").asText());
            assertThat(dueBy).as("%s", d).isBetween(rules.matchingFundsDueBy(firstCommittedOn),
                    rules.matchingFundsDueBy(lastCommittedOn));
            assertThat(d.get("daysOverdue").asLong()).as("%s", d)
                    .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(dueBy, day92));
            if (firstCommittedOn.equals(lastCommittedOn)) {
                assertThat(d.get("daysOverdue").asLong()).isEqualTo(2);
            }
        }
        assertThat(overdueDistricts).isPositive();
    }

    private void assertPaging(LedgerHttp reads) {
        @SuppressWarnings("unchecked")
        List<List<Object>> all = (List<List<Object>>) expected(2, null, false).get("entries");
        JsonNode page = ok(reads.get("finance", "finance", query(null, "entriesPage=1&entriesSize=3")));
        assertThat(page.get("entryCount").asLong()).isEqualTo(all.size());
        assertThat(page.get("entries")).hasSize(3);
        assertThat(page.get("entries").get(0).get("disbursementId").asText()).isEqualTo(all.get(3).get(0));
        for (String bad : List.of("entriesPage=-1", "entriesSize=0", "entriesSize=1001", "district=NOWHERE",
                "direction=9.9")) {
            LedgerHttp.Response refused = reads.get("finance", "finance", query(null, bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_FIELD");
        }
        assertThat(reads.get("reviewer", "reviewer", query(null, "")).status()).isEqualTo(403);
        assertThat(reads.get("reviewer", "reviewer", query(null, "")).code()).isEqualTo("FORBIDDEN");
        assertThat(reads.get("finance", "wrong", query(null, "")).status()).isEqualTo(401);
    }

    private void assertApplicationsPaid(LedgerHttp reads, App second, Instant afterPayments) {
        for (App app : apps.values()) {
            JsonNode view = ok(reads.get("auditor", "auditor", "/api/applications/" + app.id));
            assertThat(fen(view.get("municipalPaid"))).isEqualTo(paid(app, "MUNICIPAL", 2));
            assertThat(fen(view.get("districtPaid"))).isEqualTo(paid(app, "DISTRICT", 2));
            assertThat(fen(view.get("municipalShare"))).isEqualTo(app.municipalCommitted);
        }
        JsonNode before = ok(reads.get("auditor", "auditor", "/api/applications/" + second.id + "/as-of?at="
                + afterPayments));
        assertThat(before.get("municipalPaid").decimalValue()).isEqualByComparingTo("1000.01");
        assertThat(fen(before.get("districtPaid"))).isEqualTo(second.districtCommitted);
    }

    /** A district officer sees their district's figures and entries only, and no other district. */
    private void assertDistrictOfficer(LedgerHttp reads, App app) {
        String officer = "district-" + app.district.toLowerCase();
        JsonNode own = ok(reads.get(officer, "district", query(null, "")));
        assertThat(shown(own)).isEqualTo(expected(2, app.district, false));
        assertThat(shown(ok(reads.get(officer, "district", query(null, "district=" + app.district)))))
                .isEqualTo(expected(2, app.district, false));
        assertThat(shown(ok(reads.get("finance", "finance", query(null, "district=" + app.district)))))
                .isEqualTo(expected(2, app.district, false));
        String other = app.district.equals("HEPING") ? "HEDONG" : "HEPING";
        LedgerHttp.Response refused = reads.get(officer, "district", query(null, "district=" + other));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(own.get("entries")).allSatisfy(e -> assertThat(apps.get(UUID.fromString(
                e.get("applicationId").asText())).district).isEqualTo(app.district));
    }

    private void awaitRebuilt(LedgerHttp reads) {
        Instant deadline = Instant.now().plus(CATCH_UP);
        Predicate<JsonNode> idle = s -> "IDLE".equals(s.path("state").asText()) && !s.path("finishedAt").isNull()
                && !s.path("finishedAt").isMissingNode();
        while (!idle.test(reads.get("admin", "admin", "/api/admin/projections/status").body())) {
            assertThat(Instant.now()).isBefore(deadline);
            pause();
        }
    }

    private static JsonNode ok(LedgerHttp.Response response) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    /** Lets the clock move on, so that an as-of instant falls strictly between two events. */
    private static Instant pause() {
        try {
            Thread.sleep(50);
            Instant at = Instant.now();
            Thread.sleep(50);
            return at;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
