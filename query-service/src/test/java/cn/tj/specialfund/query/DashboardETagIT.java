package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards over HTTP with their ETags: If-None-Match with the current ETag is a 304 without a body, each
 * view (a district officer's caps) has its own, and a new event gives a new one.
 */
class DashboardETagIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static QueryService service;
    private static QueryService.EventAppender appender;

    @BeforeAll
    static void start() {
        service = QueryService.start(DATABASE);
        appender = service.appender(DATABASE);
        appender.append(new Scenario(new Ledger().realTime()).ledger.written());
        service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("submitted").asLong() == 6);
        awaitCaughtUp();
    }

    /** Until every processor has reached the head of the log, so that no figure changes under the test. */
    private static void awaitCaughtUp() {
        cn.tj.specialfund.query.projection.TokenPositions tokens = service.context().getBean(
                cn.tj.specialfund.query.projection.TokenPositions.class);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (java.time.Instant.now().isBefore(deadline)) {
            long head = tokens.head();
            if (!tokens.slowestPositions().isEmpty()
                    && tokens.slowestPositions().values().stream().allMatch(p -> p >= head)) {
                return;
            }
            QueryService.sleep(20);
        }
        throw new AssertionError("processors did not reach the head within 60 s");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        DATABASE.drop();
    }

    @Test
    void aPollerWithTheCurrentETagGets304AndANewEventANewETag() throws Exception {
        for (String path : new String[]{"/api/dashboard/directions", "/api/dashboard/districts", "/api/dashboard/caps"}) {
            HttpResponse<String> first = get("manager", path, null);
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).as("a strong ETag").startsWith("\"");
            assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-cache", "private")
                    .doesNotContain("no-store");

            HttpResponse<String> again = get("manager", path, etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(etag);
            assertThat(get("manager", path, "\"something-else\"").statusCode()).isEqualTo(200);
            assertThat(get(null, path, etag).statusCode()).as("no ETag answers before authentication").isEqualTo(401);
        }

        // a district officer's caps are another view: the city-wide ETag is not theirs, theirs is
        HttpResponse<String> city = get("manager", "/api/dashboard/caps", null);
        String cityTag = city.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> xiqing = get("district-xiqing", "/api/dashboard/caps", cityTag);
        assertThat(xiqing.statusCode()).isEqualTo(200);
        assertThat(QueryService.JSON.readTree(xiqing.body()).path("caps").get(0).path("candidates")).isEmpty();
        String xiqingTag = xiqing.headers().firstValue("ETag").orElseThrow();
        assertThat(xiqingTag).isNotEqualTo(cityTag);
        assertThat(get("district-xiqing", "/api/dashboard/caps", xiqingTag).statusCode()).isEqualTo(304);
        assertThat(get("district-binhai", "/api/dashboard/caps", xiqingTag).statusCode()).isEqualTo(200);
        assertThat(get("manager", "/api/dashboard/caps?limit=1", cityTag).statusCode()).isEqualTo(200);

        // one more application: the snapshot is replaced, the old ETag gets the new answer
        String before = get("manager", "/api/dashboard/directions", null).headers().firstValue("ETag").orElseThrow();
        Ledger more = new Ledger().realTime();
        more.submit(Ledger.form("Eta Robotics", Direction.D1_4, District.NANKAI, "500000", "0", "100000", false),
                "500000", "100000", Tier.MUNICIPAL);
        appender.append(more.written());
        service.await("manager", "/api/dashboard/directions", body -> body.path("totals").path("submitted").asLong() == 7);
        awaitCaughtUp();
        HttpResponse<String> changed = get("manager", "/api/dashboard/directions", before);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(QueryService.JSON.readTree(changed.body()).path("totals").path("submitted").asLong()).isEqualTo(7);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(before);
    }

    private static HttpResponse<String> get(String user, String path, String ifNoneMatch) throws Exception {
        int port = Integer.parseInt(service.context().getEnvironment().getProperty("local.server.port"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            String password = user.startsWith("district-") ? "district" : user;
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
