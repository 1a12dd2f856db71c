package cn.tj.specialfund.allinone;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.sample.SampleCall;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded run: one process, demo users by default, the sample call on request, loaded only once. */
class AllInOneIT {

    private static IsolatedDatabase database;
    private static ConfigurableApplicationContext context;
    private static LedgerHttp http;

    @BeforeAll
    static void start() {
        database = IsolatedDatabase.create();
        List<String> args = new ArrayList<>(database.arguments());
        args.add("--server.port=0");
        args.add(SampleCallSwitch.FLAG);
        context = new SpringApplicationBuilder(AllInOneApplication.class)
                .run(SampleCallSwitch.translate(args.toArray(String[]::new)));
        http = new LedgerHttp(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void demoUsersAreThereByDefaultAndStrangersAreNot() {
        assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
        assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("demo");
        assertThat(http.get("manager", "manager", "/api/dashboard/directions").status()).isEqualTo(200);
        assertThat(http.get("district-xiqing", "district", "/api/dashboard/districts").status()).isEqualTo(200);
        assertThat(http.get("manager", "wrong", "/api/dashboard/directions").status()).isEqualTo(401);
        assertThat(http.get("nobody", "nobody", "/api/dashboard/directions").status()).isEqualTo(401);
        // the scrape account reads metrics only; only health and prometheus are exposed, prometheus to it and ADMIN
        assertThat(http.get("metrics", "metrics", "/api/dashboard/directions").status()).isEqualTo(403);
        assertThat(http.get("auditor", "auditor", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(http.get("admin", "admin", "/actuator/metrics").status()).isEqualTo(403);
        assertThat(http.get("metrics", "metrics", "/actuator/health").body().has("components")).isFalse();
        assertThat(http.get("admin", "admin", "/actuator/health").body().has("components")).isTrue();
    }

    @Test
    void theSampleCallIsLoadedOnceThroughTheCommandsAndTheDashboardsShowIt() {
        SampleCall call = SampleCall.standard();
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                .isEqualTo(call.steps().size());

        // a second load into the same database writes nothing
        assertThat(context.getBean(SampleCallLoader.class).load()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                .isEqualTo(call.steps().size());

        JsonNode directions = await(() -> {
            JsonNode body = http.get("auditor", "auditor", "/api/dashboard/directions").body();
            return body != null && body.get("totals") != null
                    && body.get("totals").get("submitted").asLong() == call.applications().size() ? body : null;
        });
        long awarded = call.applications().stream().filter(a -> a.outcome().awarded()).count();
        assertThat(directions.get("totals").get("awarded").asLong()).isEqualTo(awarded);
        assertThat(directions.get("directions")).hasSize(12);

        JsonNode caps = await(() -> {
            JsonNode body = http.get("auditor", "auditor", "/api/dashboard/caps").body();
            return body != null && body.get("caps").get(0).get("awarded").asLong() == 10 ? body : null;
        });
        assertThat(caps.get("caps").get(0).get("remaining").asLong()).isZero();

        JsonNode applications = http.get("district-binhai", "district", "/api/applications?district=BINHAI&size=50").body();
        assertThat(applications.get("total").asLong())
                .isEqualTo(call.applications().stream()
                        .filter(a -> a.form().applicant().district().name().equals("BINHAI")).count());
        assertThat(http.get("finance", "finance", "/api/finance/commitments").status()).isEqualTo(200);
    }

    /** §10: the sample call happened on its own calendar, so every as-of view tells its story. */
    @Test
    void theSampleCallIsImportedOnThe2020CalendarWithItsPayments() {
        SampleCall call = SampleCall.standard();
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT MIN(time_stamp) FROM domain_event_entry", String.class)).startsWith("2020-09-");
        assertThat(jdbc.queryForObject("SELECT MAX(time_stamp) FROM domain_event_entry", String.class)).startsWith("2021-");
        long payments = call.steps().stream().filter(SampleCall.Step::isPayment).count();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%.Disbursement%'",
                Long.class)).isEqualTo(payments).isPositive();

        SampleCall.PlannedApplication scored = call.applications().stream()
                .filter(a -> a.outcome() == SampleCall.Outcome.TOPPED_UP).findFirst().orElseThrow();
        JsonNode endOfOctober = await(() -> {
            LedgerHttp.Response response = http.get("auditor", "auditor",
                    "/api/applications/" + scored.id() + "/as-of?at=2020-10-31T23:59:59%2B08:00");
            return response.status() == 200 ? response.body() : null;
        });
        assertThat(endOfOctober.get("status").asText()).isEqualTo("DISTRICT_APPROVED");
        assertThat(http.get("auditor", "auditor", "/api/applications/" + scored.id() + "/as-of?at=2020-08-31T00:00:00Z")
                .status()).isEqualTo(404);

        Money awards = Money.ZERO;
        for (SampleCall.PlannedApplication a : call.applications()) {
            if (a.outcome().awarded()) {
                Tier tier = a.outcome() == SampleCall.Outcome.AWARDED_MIIT_PILOT ? Tier.MIIT_PILOT : Tier.MUNICIPAL;
                awards = awards.plus(ProgramRules.CALL_2020.awardAmount(ProgramRules.CALL_2020.requestedSpecialFunds(a.form()),
                        tier, ProgramRules.CALL_2020.eligibleInvestment(a.form().expenditures())));
            }
        }
        Money awarded = awards;
        JsonNode november = http.get("finance", "finance", "/api/finance/commitments?asOf=2020-11-30T23:59:59%2B08:00").body();
        assertThat(november.get("totalCommitted").decimalValue()).isEqualByComparingTo("0");
        JsonNode yearEnd = await(() -> {
            JsonNode body = http.get("finance", "finance", "/api/finance/commitments?asOf=2020-12-31T23:59:59%2B08:00").body();
            return body != null && body.get("totalCommitted").decimalValue().compareTo(awarded.amount()) == 0 ? body : null;
        });
        assertThat(yearEnd.get("byTier").get("MIIT_PILOT").decimalValue()).isPositive();
    }

    private static JsonNode await(java.util.function.Supplier<JsonNode> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode result = probe.get();
            if (result != null) {
                return result;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the query side did not catch up within 60 s");
    }
}
