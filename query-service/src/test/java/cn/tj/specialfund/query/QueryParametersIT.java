package cn.tj.specialfund.query;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §7 at the query side's edge: instants are ISO-8601 with an offset and a year from 1970 to 9999,
 * paging parameters stay in their ranges, and every refusal is a 400 INVALID_FIELD naming the parameter
 * (never a 500); a body over 256 KiB is a 413 after authentication, on a POST and on a GET alike.
 */
class QueryParametersIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static QueryService service;
    private static Scenario scenario;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        service = QueryService.start(DATABASE);
        scenario = new Scenario(new Ledger().realTime());
        service.appender(DATABASE).append(scenario.ledger.written());
        service.await("auditor", "/api/dashboard/directions",
                body -> body.path("totals").path("submitted").asLong() == 6);
        service.await("finance", "/api/finance/commitments",
                body -> body.path("totalCommitted").decimalValue().compareTo(new BigDecimal("2046913.57")) == 0);
        jdbc = service.context().getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        DATABASE.drop();
    }

    @Test
    void extremeOrOffsetlessInstantsAre400NamingTheParameter() {
        String asOf = "/api/finance/commitments?asOf=";
        String at = "/api/applications/" + scenario.a + "/as-of?at=";
        for (String bad : new String[]{"%2B1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                "%2B10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2020-10-01T00:00:00", "2020-10-01",
                "yesterday", "1601510400", "2020-02-30T00:00:00Z"}) {
            invalid(asOf + bad, "asOf");
            invalid(at + bad, "at");
        }
        invalid("/api/applications/" + scenario.a + "/as-of", "at");
        invalid(at, "at");
    }

    @Test
    void instantsWithAnOffsetWithinTheYearsAreAnswered() {
        assertThat(service.get("finance", "/api/finance/commitments?asOf=9999-12-31T23:59:59Z").status()).isEqualTo(200);
        JsonNode epoch = service.get("finance", "/api/finance/commitments?asOf=1970-01-01T00:00:00Z").json();
        assertThat(epoch.path("totalCommitted").decimalValue()).isZero();
        JsonNode beijing = service.get("finance", "/api/finance/commitments?asOf=9999-01-01T08:00:00%2B08:00").json();
        assertThat(beijing.path("asOf").asText()).isEqualTo("9999-01-01T00:00:00Z");
        assertThat(beijing.path("totalCommitted").decimalValue()).isEqualByComparingTo("2046913.57");
        assertThat(service.get("auditor", "/api/applications/" + scenario.a + "/as-of?at=9999-12-31T23:59:59.999999999Z")
                .json().path("status").asText()).isEqualTo("TOPPED_UP");
        assertThat(service.get("auditor", "/api/applications/" + scenario.a + "/as-of?at=1970-01-01T00:00:00Z")
                .status()).isEqualTo(404);
    }

    @Test
    void pageAndSizeStayInTheirRanges() {
        invalid("/api/applications?page=-1", "page");
        invalid("/api/applications?size=0", "size");
        invalid("/api/applications?size=201", "size");
        invalid("/api/applications?size=-5", "size");
        invalid("/api/applications?page=abc", "page");
        invalid("/api/applications?page=99999999999", "page");
        invalid("/api/applications?size=1.5", "size");
        JsonNode largest = service.get("auditor", "/api/applications?size=200").json();
        assertThat(largest.path("items")).hasSize(6);
        assertThat(largest.path("total").asLong()).isEqualTo(6);
        JsonNode farAway = service.get("auditor", "/api/applications?page=2147483647&size=200").json();
        assertThat(farAway.path("items")).isEmpty();
        assertThat(service.get("auditor", "/api/applications?page=0&size=1").json().path("items")).hasSize(1);
    }

    @Test
    void capCandidatesAreLimitedFrom1To200AndCountedInFull() {
        invalid("/api/dashboard/caps?limit=0", "limit");
        invalid("/api/dashboard/caps?limit=201", "limit");
        invalid("/api/dashboard/caps?limit=many", "limit");
        for (String limit : new String[]{"", "?limit=1", "?limit=200"}) {
            JsonNode cap = service.get("auditor", "/api/dashboard/caps" + limit).json().path("caps").get(0);
            assertThat(cap.path("direction").asText()).isEqualTo("1.1");
            assertThat(cap.path("candidates")).hasSize(1);
            assertThat(cap.path("candidates").get(0).path("id").asText()).isEqualTo(scenario.e.toString());
            assertThat(cap.path("candidateCount").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aBodyOverTheLimitIs413OnEveryEndpointButOnlyOnceAuthenticated() throws Exception {
        long events = events();
        byte[] body = ("{\"x\":\"" + "y".repeat(256 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[]{false, true}) {
            assertProblem(send("admin", "POST", "/api/admin/projections/rebuild", body, chunked), 413, "PAYLOAD_TOO_LARGE");
            assertProblem(send("auditor", "GET", "/api/dashboard/directions", body, chunked), 413, "PAYLOAD_TOO_LARGE");
            assertProblem(send(null, "POST", "/api/admin/projections/rebuild", body, chunked), 401, "UNAUTHENTICATED");
        }
        assertThat(service.get("admin", "/api/admin/projections/status").json().path("state").asText()).isEqualTo("IDLE");
        assertThat(events()).isEqualTo(events);
    }

    private static void invalid(String path, String parameter) {
        long before = events();
        QueryService.Response response = service.get("finance", path);
        assertThat(response.status()).as(path + " → " + response.text()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(problem.path("field").asText()).as(path).isEqualTo(parameter);
        assertThat(problem.path("detail").asText()).contains(parameter);
        assertThat(events()).isEqualTo(before);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(QueryService.JSON.readTree(response.body()).path("code").asText()).isEqualTo(code);
    }

    private static HttpResponse<String> send(String user, String method, String path, byte[] body, boolean chunked)
            throws Exception {
        int port = Integer.parseInt(service.context().getEnvironment().getProperty("local.server.port"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        // a fresh client per request: the server closes the connection after a refused body
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long events() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
