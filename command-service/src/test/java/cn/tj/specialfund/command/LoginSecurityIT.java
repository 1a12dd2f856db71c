package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.support.security.LoginThrottle;
import cn.tj.specialfund.support.security.SharedLoginFailures;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.testsupport.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins and the actuator over HTTP (contract §5): the failed-login throttle with a clock the test moves,
 * the client address taken from X-Forwarded-For only when the trusted proxy (here 127.0.0.1) sends it, the
 * scrape account and the endpoints it may read.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
@Import(LoginSecurityIT.ControllableClock.class)
class LoginSecurityIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2020-09-01T00:00:00Z"));

    @TestConfiguration
    static class ControllableClock {
        @Bean
        LoginThrottle throttleOnTheTestsClock(JdbcTemplate jdbc) {
            return new LoginThrottle(LoginThrottle.Policy.CONTRACT, CLOCK, new SharedLoginFailures(jdbc, Clock.systemUTC()));
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        if (DATABASE.isPostgres()) {
            DATABASE.drop();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;

    private LedgerClient api;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        // a day later every earlier test's blocks have run out
        CLOCK.advance(Duration.ofDays(1));
    }

    @Test
    void tenWrongPasswordsBlockThatUserFromThatAddressForFiveMinutesEvenWithTheRightPassword() {
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.7");
        for (int i = 0; i < 10; i++) {
            assertThat(submit("reviewer", "wrong-" + i, from).status()).isEqualTo(401);
        }
        Response blocked = submit("reviewer", "reviewer", from);
        assertThat(blocked.status()).as(blocked.raw()).isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(blocked.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS.name());
        assertThat(blocked.body().path("detail").asText()).contains("登录失败次数过多");
        Response inEnglish = submit("reviewer", "reviewer", Map.of("X-Forwarded-For", "203.0.113.7",
                "Accept-Language", "en"));
        assertThat(inEnglish.status()).isEqualTo(429);
        assertThat(inEnglish.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS.name());
        assertThat(inEnglish.body().path("detail").asText()).startsWith("too many failed logins; try again in ");
        assertThat(retryAfter("reviewer", "reviewer", from)).isEqualTo(300);

        // 429 before 401: a wrong password of the blocked pair is not even checked
        assertThat(submit("reviewer", "wrong-again", from).status()).isEqualTo(429);
        // another address with the right password still gets in, and another user from the same address
        assertSignedIn(api.get("/api/reference", "reviewer", "reviewer", Map.of("X-Forwarded-For", "198.51.100.20")));
        assertSignedIn(api.get("/api/reference", "manager", "manager", from));

        CLOCK.advance(Duration.ofMinutes(4));
        assertThat(retryAfter("reviewer", "reviewer", from)).isEqualTo(60);
        CLOCK.advance(Duration.ofMinutes(1));
        assertSignedIn(api.get("/api/reference", "reviewer", "reviewer", from));
    }

    @Test
    void aHundredFailuresFromOneAddressBlockEveryLoginFromIt() {
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.99");
        for (int i = 0; i < 100; i++) {
            // unknown names cost the same as wrong passwords, and count the same
            assertThat(api.get("/api/reference", "guess-" + i, "x", from).status()).isEqualTo(401);
        }
        Response admin = api.get("/api/reference", "admin", "admin", from);
        assertThat(admin.status()).isEqualTo(429);
        assertThat(admin.code()).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS.name());
        assertSignedIn(api.get("/api/reference", "admin", "admin", Map.of("X-Forwarded-For", "203.0.113.100")));

        Response prometheus = api.get("/actuator/prometheus", "metrics", "metrics", Map.of());
        assertThat(failedLogins(prometheus.raw())).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedClientIsIgnored() {
        // The address the throttle keys on is the connection's when no trusted proxy forwarded the request:
        // a client that invents X-Forwarded-For values does not get a fresh address per attempt.
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("finance", "192.0.2.1");
        }
        assertThat(api.get("/api/reference", "finance", "finance", Map.of("X-Forwarded-For", "192.0.2.1"))
                .status()).isEqualTo(429);
        Response invented = api.get("/api/reference", "finance", "finance",
                Map.of("X-Forwarded-For", "192.0.2.1, 10.9.9.9"));
        // 10.9.9.9 is not the trusted proxy, so it is the client
        assertSignedIn(invented);
    }

    @Test
    void theScrapeAccountReadsPrometheusAndNothingElse() {
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", "auditor", "auditor", Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", "admin", "admin", Map.of()).status()).isEqualTo(200);
        Response scraped = api.get("/actuator/prometheus", "metrics", "metrics", Map.of());
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.raw()).contains("ledger_login_failures_total");

        Response refused = api.get("/api/applications/" + java.util.UUID.randomUUID(), "metrics", "metrics", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN.name());
        assertThat(api.post("/api/applications", "metrics", "metrics", FormJson.valid().toString()).status())
                .isEqualTo(403);

        for (String endpoint : new String[]{"/actuator/metrics", "/actuator/env", "/actuator/info",
                "/actuator/beans", "/actuator/loggers", "/actuator/heapdump"}) {
            assertThat(api.get(endpoint, "admin", "admin", Map.of()).status()).as(endpoint).isIn(403, 404);
            assertThat(api.get(endpoint).status()).as(endpoint).isEqualTo(401);
        }
    }

    @Test
    void healthIsOpenWithItsDetailsForAdminOnly() {
        Response open = api.get("/actuator/health");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body().path("status").asText()).isEqualTo("UP");
        assertThat(open.body().has("components")).isFalse();
        assertThat(api.get("/actuator/health", "auditor", "auditor", Map.of()).body().has("components")).isFalse();
        assertThat(api.get("/actuator/health", "admin", "admin", Map.of()).body().has("components")).isTrue();
    }

    private Response submit(String user, String password, Map<String, String> headers) {
        return api.post("/api/applications", user, password, FormJson.valid().toString(), headers);
    }

    /** Past authentication: the command side answers a GET of a query path with 404, not 401 or 429. */
    private static void assertSignedIn(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(404);
    }

    private int retryAfter(String user, String password, Map<String, String> headers) {
        Response response = api.get("/api/reference", user, password, headers);
        assertThat(response.status()).isEqualTo(429);
        return Integer.parseInt(response.retryAfter());
    }

    private static double failedLogins(String prometheus) {
        Matcher m = Pattern.compile("(?m)^ledger_login_failures_total\\{[^}]*} ([0-9.E]+)$").matcher(prometheus);
        assertThat(m.find()).as("ledger_login_failures_total on prometheus").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
