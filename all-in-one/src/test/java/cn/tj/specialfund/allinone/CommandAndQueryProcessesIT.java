package cn.tj.specialfund.allinone;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.allinone.ExpectedCall.App;
import cn.tj.specialfund.allinone.ExpectedCall.Entry;
import cn.tj.specialfund.sample.SampleCall;
import cn.tj.specialfund.command.CommandServiceApplication;
import cn.tj.specialfund.coreapi.ApproveInDistrict;
import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.ScoreApplication;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.TopUpAward;
import cn.tj.specialfund.coreapi.value.Actor;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.query.QueryServiceApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side and the query side as separate Spring contexts on one database, talking to each other
 * only through the event store, exercised through HTTP like any client. A whole call (every direction, all
 * sixteen districts, every stage, the 1.1 cap, top-ups) is written through the command side, and every
 * figure the query side shows is checked to the fen against the test's own arithmetic. Then the query side
 * is stopped, more is written, and a restarted query side must catch up without losing or repeating anything.
 */
class CommandAndQueryProcessesIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final Map<UUID, UUID> serverIds = new HashMap<>();
    private final ExpectedCall expected = new ExpectedCall();
    private final Map<Integer, Instant> phaseEnds = new TreeMap<>();

    @Test
    void aWholeCallIsShownExactlyAndSurvivesAQueryServiceRestart() {
        IsolatedDatabase database = IsolatedDatabase.create();
        ServiceProcess query = null;
        try (ServiceProcess command = ServiceProcess.start(CommandServiceApplication.class, "command-service", database)) {
            query = ServiceProcess.start(QueryServiceApplication.class, "query-service", database);
            LedgerHttp commands = new LedgerHttp(command.port());

            long seed = new java.util.Random().nextLong();
            SampleCall call = SampleCall.generate(seed, 40);
            runInPhases(commands, call.lifecycleSteps());
            refusalsAppendNothing(commands, call);

            LedgerHttp reads = new LedgerHttp(query.port());
            awaitQuerySide(reads, "after the call (seed " + seed + ")");

            query.close();
            query = null;
            writeMoreWhileTheQuerySideIsDown(commands, seed);

            query = ServiceProcess.start(QueryServiceApplication.class, "query-service", database);
            awaitQuerySide(new LedgerHttp(query.port()), "after the query side restarted (seed " + seed + ")");
        } finally {
            if (query != null) {
                query.close();
            }
            database.drop();
        }
    }

    /** Submissions, reviews, scores, then awards and top-ups, with an as-of instant between phases. */
    private void runInPhases(LedgerHttp commands, List<SampleCall.Step> steps) {
        boolean awardsStarted = false;
        boolean topUpsStarted = false;
        for (SampleCall.Step step : steps) {
            if (!awardsStarted && step.command() instanceof AwardApplication) {
                awardsStarted = true;
                markPhase();
            }
            if (!topUpsStarted && step.command() instanceof TopUpAward) {
                topUpsStarted = true;
                markPhase();
            }
            run(commands, step);
        }
        markPhase();
    }

    private void markPhase() {
        pause();
        phaseEnds.put(expected.nextPhase() - 1, Instant.now());
        pause();
    }

    private void run(LedgerHttp commands, SampleCall.Step step) {
        // steps of a sample call name its own ids; the server gave the applications theirs
        UUID id = serverIds.getOrDefault(step.applicationId(), step.applicationId());
        SampleCall.HttpRequest request = step.http(id);
        LedgerHttp.Response response = commands.post(step.actor().username(), step.demoPassword(), request.path(),
                request.body());
        if (step.command() instanceof SubmitApplication submit) {
            assertThat(response.status()).as("submission: %s", response.body()).isEqualTo(201);
            assertThat(response.body().get("status").asText()).isEqualTo("SUBMITTED");
            UUID serverId = UUID.fromString(response.body().get("id").asText());
            serverIds.put(step.applicationId(), serverId);
            expected.submitted(serverId, submit.form());
            return;
        }
        assertThat(response.status()).as("%s: %s", request.path(), response.body()).isEqualTo(200);
        expected.accepted(id, step.command());
        App app = expected.app(id);
        assertThat(response.body().get("status").asText()).isEqualTo(app.status);
        if (step.command() instanceof AwardApplication) {
            assertThat(decimal(response.body(), "amount")).isEqualTo(app.award);
            assertThat(decimal(response.body(), "municipalShare")).isEqualTo(app.awardMunicipal);
            assertThat(decimal(response.body(), "districtShare")).isEqualTo(app.awardDistrict);
        }
        if (step.command() instanceof TopUpAward) {
            assertThat(decimal(response.body(), "topUpAmount")).isEqualTo(app.topUp);
            assertThat(decimal(response.body(), "municipalShare")).isEqualTo(app.topUpMunicipal);
            assertThat(decimal(response.body(), "districtShare")).isEqualTo(app.topUpDistrict);
            assertThat(decimal(response.body(), "totalSupport")).isEqualTo(app.totalSupport());
        }
    }

    /** The eleventh 1.1 award and a second application of the same applicant are refused. */
    private void refusalsAppendNothing(LedgerHttp commands, SampleCall call) {
        App candidate = expected.apps().stream()
                .filter(a -> a.direction().equals("1.1") && a.status.equals("SCORED"))
                .findFirst().orElseThrow();
        LedgerHttp.Response eleventh = commands.post("manager", "manager",
                "/api/applications/" + candidate.id + "/award", Map.of("tier", "MUNICIPAL"));
        assertThat(eleventh.status()).as("%s", eleventh.body()).isEqualTo(409);
        assertThat(eleventh.code()).isEqualTo("DIRECTION_CAP_REACHED");

        SampleCall.PlannedApplication first = call.applications().get(0);
        Actor officer = SampleCall.officerOf(first.form().applicant().district());
        LedgerHttp.Response duplicate = commands.post(officer.username(), "district", "/api/applications", first.form());
        assertThat(duplicate.status()).as("%s", duplicate.body()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("DUPLICATE_APPLICANT");
    }

    /**
     * With the query side down: a second wave of applications outside 1.1 (awards and top-ups included),
     * and progress on the first wave's open applications.
     */
    private void writeMoreWhileTheQuerySideIsDown(LedgerHttp commands, long seed) {
        Set<String> knownCodes = new HashSet<>();
        expected.apps().forEach(a -> knownCodes.add(a.form.applicant().creditCode().value()));
        SampleCall second = SampleCall.generate(seed + 1, 30);
        Set<UUID> skipped = new HashSet<>();
        for (SampleCall.PlannedApplication a : second.applications()) {
            if (a.form().direction().code().equals("1.1") || knownCodes.contains(a.form().applicant().creditCode().value())) {
                skipped.add(a.id());
            }
        }
        List<App> waiting = expected.apps().stream().filter(a -> a.status.equals("SUBMITTED")).toList();
        List<App> approved = expected.apps().stream().filter(a -> a.status.equals("DISTRICT_APPROVED")).toList();
        for (SampleCall.Step step : second.lifecycleSteps()) {
            if (!skipped.contains(step.applicationId())) {
                run(commands, step);
            }
        }
        for (App app : waiting) {
            Actor officer = SampleCall.officerOf(app.district());
            ApproveInDistrict approve = new ApproveInDistrict(app.id, true, "补充材料后同意推荐");
            run(commands, new SampleCall.Step(app.id, app.events.size(), officer, approve, Instant.now()));
        }
        for (App app : approved) {
            ScoreApplication score = new ScoreApplication(app.id, new BigDecimal("77.5"), "第三方评审机构");
            run(commands, new SampleCall.Step(app.id, app.events.size(), SampleCall.REVIEWER, score, Instant.now()));
        }
        markPhase();
    }

    // ---- the query side ----

    private void awaitQuerySide(LedgerHttp reads, String when) {
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (true) {
            try {
                assertQuerySide(reads, when);
                return;
            } catch (AssertionError | RuntimeException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                pause();
            }
        }
    }

    private void assertQuerySide(LedgerHttp reads, String when) {
        assertApplicationList(reads, when);
        assertDirections(reads, when);
        assertCaps(reads, when);
        assertDistricts(reads, when);
        for (Map.Entry<Integer, Instant> end : phaseEnds.entrySet()) {
            assertCommitments(reads, when, end.getValue(), end.getKey() + 1);
        }
        assertCommitments(reads, when, null, Integer.MAX_VALUE);
        for (App app : expected.apps()) {
            assertApplication(reads, when, app);
        }
    }

    private void assertApplicationList(LedgerHttp reads, String when) {
        List<String> ids = new ArrayList<>();
        long total = -1;
        for (int page = 0; total < 0 || ids.size() < total; page++) {
            JsonNode body = ok(reads.get("auditor", "auditor", "/api/applications?page=" + page + "&size=50"));
            total = body.get("total").asLong();
            if (body.get("items").isEmpty()) {
                break;
            }
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
        }
        assertThat(total).as("applications listed %s", when).isEqualTo(expected.apps().size());
        assertThat(ids).as("applications in submission order %s", when)
                .containsExactlyElementsOf(expected.apps().stream().map(a -> a.id.toString()).toList());
        long scored11 = expected.apps().stream()
                .filter(a -> a.direction().equals("1.1") && a.status.equals("SCORED")).count();
        JsonNode filtered = ok(reads.get("auditor", "auditor", "/api/applications?direction=1.1&status=SCORED&size=50"));
        assertThat(filtered.get("total").asLong()).as("1.1 SCORED %s", when).isEqualTo(scored11);
    }

    private void assertDirections(LedgerHttp reads, String when) {
        JsonNode body = ok(reads.get("manager", "manager", "/api/dashboard/directions"));
        Map<String, List<Object>> actual = new LinkedHashMap<>();
        for (JsonNode d : body.get("directions")) {
            actual.put(d.get("code").asText(), List.of(d.get("name").asText(), text(d.get("cap")),
                    d.get("submitted").asLong(), d.get("districtApproved").asLong(), d.get("scored").asLong(),
                    d.get("awarded").asLong(), d.get("notSelected").asLong(), d.get("districtRejected").asLong(),
                    decimal(d, "awardedAmount"), decimal(d, "topUpAmount"), decimal(d, "totalSupport")));
        }
        assertThat(actual).as("direction dashboard %s", when).containsExactlyEntriesOf(expected.directions());
        JsonNode t = body.get("totals");
        assertThat(List.<Object>of(t.get("submitted").asLong(), t.get("districtApproved").asLong(),
                t.get("scored").asLong(), t.get("awarded").asLong(), t.get("notSelected").asLong(),
                t.get("districtRejected").asLong(), decimal(t, "awardedAmount"), decimal(t, "topUpAmount"),
                decimal(t, "totalSupport")))
                .as("direction totals %s", when).isEqualTo(expected.directionTotals());
    }

    private void assertCaps(LedgerHttp reads, String when) {
        JsonNode body = ok(reads.get("reviewer", "reviewer", "/api/dashboard/caps?limit=200"));
        assertThat(body.get("caps")).hasSize(1);
        JsonNode cap = body.get("caps").get(0);
        assertThat(cap.get("direction").asText()).isEqualTo("1.1");
        assertThat(List.<Object>of(cap.get("cap").asLong(), cap.get("awarded").asLong(), cap.get("remaining").asLong()))
                .as("1.1 cap %s", when).isEqualTo(expected.cap11());
        List<List<Object>> candidates = new ArrayList<>();
        cap.get("candidates").forEach(c -> candidates.add(List.of(c.get("id").asText(), c.get("projectName").asText(),
                ExpectedCall.score(c.get("score").decimalValue()))));
        List<List<Object>> expectedCandidates = expected.candidates11();
        assertThat(candidates).as("1.1 candidates %s", when).containsExactlyInAnyOrderElementsOf(expectedCandidates);
        assertThat(candidates.stream().map(c -> new BigDecimal((String) c.get(2))).toList())
                .as("candidates best score first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(cap.get("candidateCount").asLong()).as("1.1 candidate count %s", when)
                .isEqualTo(expectedCandidates.size());
        // by default the best 20, counted all the same
        JsonNode first20 = ok(reads.get("reviewer", "reviewer", "/api/dashboard/caps")).get("caps").get(0);
        assertThat(first20.get("candidates")).as("default limit %s", when)
                .hasSize(Math.min(20, expectedCandidates.size()));
        assertThat(first20.get("candidateCount").asLong()).isEqualTo(expectedCandidates.size());
    }

    private void assertDistricts(LedgerHttp reads, String when) {
        JsonNode body = ok(reads.get("finance", "finance", "/api/dashboard/districts"));
        Map<String, List<Object>> actual = new LinkedHashMap<>();
        for (JsonNode d : body.get("districts")) {
            actual.put(d.get("code").asText(), List.of(d.get("name").asText(), d.get("awardedProjects").asLong(),
                    decimal(d, "totalSupport"), decimal(d, "municipalShare"), decimal(d, "matchingObligation"),
                    decimal(d, "pendingExposure")));
        }
        assertThat(actual).as("district dashboard %s", when).containsExactlyEntriesOf(expected.districts());
    }

    /** Commitments as of the end of a phase (or now): only the entries written before that instant. */
    private void assertCommitments(LedgerHttp reads, String when, Instant asOf, int phaseBefore) {
        String path = "/api/finance/commitments" + (asOf == null ? "" : "?asOf=" + asOf);
        JsonNode body = ok(reads.get("finance", "finance", path));
        String what = "commitments" + (asOf == null ? "" : " as of " + asOf) + " " + when;
        if (asOf != null) {
            assertThat(Instant.parse(body.get("asOf").asText())).as(what).isEqualTo(asOf);
        } else {
            assertThat(body.get("asOf").isNull()).as("asOf of the current figures").isFalse();
        }
        List<Entry> entries = expected.entriesUpTo(phaseBefore);

        BigDecimal total = ExpectedCall.ZERO;
        BigDecimal municipal = ExpectedCall.ZERO;
        BigDecimal district = ExpectedCall.ZERO;
        Map<String, BigDecimal> byDirection = new TreeMap<>();
        Map<String, List<BigDecimal>> byDistrict = new TreeMap<>();
        Map<String, BigDecimal> byTier = new TreeMap<>(Map.of("MUNICIPAL", ExpectedCall.ZERO, "MIIT_PILOT", ExpectedCall.ZERO));
        List<List<Object>> expectedEntries = new ArrayList<>();
        for (Entry e : entries) {
            App app = expected.app(e.applicationId());
            total = total.add(e.amount());
            municipal = municipal.add(e.municipal());
            district = district.add(e.district());
            byDirection.merge(app.direction(), e.amount(), BigDecimal::add);
            byDistrict.merge(app.district().code(), List.of(e.amount(), e.municipal(), e.district()),
                    (a, b) -> List.of(a.get(0).add(b.get(0)), a.get(1).add(b.get(1)), a.get(2).add(b.get(2))));
            // an award counts under the tier it was given; a top-up is MIIT pilot support
            byTier.merge(e.tier(), e.amount(), BigDecimal::add);
            expectedEntries.add(List.of(e.applicationId().toString(), e.kind(), e.amount(), e.municipal(), e.district()));
        }
        assertThat(List.of(decimal(body, "totalCommitted"), decimal(body, "municipal"), decimal(body, "district")))
                .as("%s: total, municipal, district", what).isEqualTo(List.of(total, municipal, district));

        Map<String, BigDecimal> actualByDirection = new TreeMap<>();
        body.get("byDirection").forEach(d -> {
            if (decimal(d, "amount").signum() != 0) {
                actualByDirection.put(d.get("code").asText(), decimal(d, "amount"));
            }
        });
        assertThat(actualByDirection).as("%s by direction", what).isEqualTo(byDirection);

        Map<String, List<BigDecimal>> actualByDistrict = new TreeMap<>();
        body.get("byDistrict").forEach(d -> {
            if (decimal(d, "amount").signum() != 0) {
                actualByDistrict.put(d.get("code").asText(),
                        List.of(decimal(d, "amount"), decimal(d, "municipal"), decimal(d, "district")));
            }
        });
        assertThat(actualByDistrict).as("%s by district", what).isEqualTo(byDistrict);

        assertThat(Map.of("MUNICIPAL", decimal(body.get("byTier"), "MUNICIPAL"),
                "MIIT_PILOT", decimal(body.get("byTier"), "MIIT_PILOT")))
                .as("%s by tier", what).isEqualTo(byTier);

        List<List<Object>> actualEntries = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        body.get("entries").forEach(e -> {
            actualEntries.add(List.of(e.get("applicationId").asText(), e.get("kind").asText(), decimal(e, "amount"),
                    decimal(e, "municipalShare"), decimal(e, "districtShare")));
            times.add(Instant.parse(e.get("at").asText()));
        });
        assertThat(actualEntries).as("%s: ledger entries, no loss, no duplicate", what)
                .containsExactlyInAnyOrderElementsOf(expectedEntries);
        assertThat(times).as("entries ordered by time").isSorted();
        if (asOf != null) {
            assertThat(times).as("entries up to %s", asOf).allMatch(t -> !t.isAfter(asOf));
        }
    }

    private void assertApplication(LedgerHttp reads, String when, App app) {
        JsonNode view = ok(reads.get("auditor", "auditor", "/api/applications/" + app.id));
        List<Object> actual = List.of(view.get("projectName").asText(), view.get("direction").asText(),
                view.get("district").asText(), view.get("creditCode").asText(), view.get("status").asText(),
                app.awarded() ? view.get("tier").asText() : "-",
                ExpectedCall.score(view.get("score").isNull() ? null : view.get("score").decimalValue()),
                decimal(view, "eligibleInvestment"), decimal(view, "requestedSpecialFunds"),
                decimal(view, "awardedAmount"), decimal(view, "topUpAmount"), decimal(view, "totalSupport"),
                decimal(view, "municipalShare"), decimal(view, "districtShare"));
        List<Object> wanted = List.of(app.form.projectName(), app.direction(), app.district().code(),
                app.form.applicant().creditCode().value(), app.status, app.awarded() ? app.tier : "-",
                ExpectedCall.score(app.score), app.eligible(), app.requested(), app.award, app.topUp,
                app.totalSupport(), app.municipalShare(), app.districtShare());
        assertThat(actual).as("application %s %s", app.id, when).isEqualTo(wanted);

        JsonNode history = ok(reads.get("auditor", "auditor", "/api/applications/" + app.id + "/history"));
        List<String> types = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        history.get("events").forEach(e -> {
            types.add(e.get("type").asText());
            sequences.add(e.get("sequence").asLong());
            assertThat(e.get("actor").asText()).isNotBlank();
            assertThat(e.get("correlationId").asText()).isNotBlank();
        });
        assertThat(types).as("history of %s %s", app.id, when).containsExactlyElementsOf(app.events);
        assertThat(sequences).isEqualTo(java.util.stream.LongStream.range(0, app.events.size()).boxed().toList());
    }

    // ---- helpers ----

    private static JsonNode ok(LedgerHttp.Response response) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as("field %s in %s", field, node).isNotNull();
        assertThat(value.isNumber()).as("field %s is a JSON number in %s", field, node).isTrue();
        return ExpectedCall.money(value.decimalValue());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asText();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
