package cn.tj.specialfund.query;

import cn.tj.specialfund.testsupport.ApiDocumentCheck;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query-service's API document tells the truth: exactly the endpoints the service maps, each with the statuses
 * of contract §4, §5, §7, §8 and §9, and each endpoint called with the document's example parameters answers its
 * documented success. Every amount in every JSON answer is a number with two decimals (one money format).
 */
class ApiDocumentIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final String ID = "/api/applications/{id}";

    /** What the contract gives each query: its success, then the refusals its checks can answer. */
    static final Map<String, Set<Integer>> CONTRACT = Map.ofEntries(
            Map.entry("GET /api/reference", Set.of(200, 401, 403, 429)),
            Map.entry("GET /api/dashboard/directions", Set.of(200, 401, 403, 429)),
            Map.entry("GET /api/dashboard/caps", Set.of(200, 400, 401, 403, 429)),
            Map.entry("GET /api/dashboard/districts", Set.of(200, 401, 403, 429)),
            Map.entry("GET /api/applications", Set.of(200, 400, 401, 403, 429)),
            Map.entry("GET " + ID, Set.of(200, 401, 403, 404, 429)),
            Map.entry("GET " + ID + "/history", Set.of(200, 401, 403, 404, 429)),
            Map.entry("GET " + ID + "/as-of", Set.of(200, 400, 401, 403, 404, 429)),
            Map.entry("GET /api/finance/commitments", Set.of(200, 400, 401, 403, 429)),
            Map.entry("GET /api/finance/disbursements", Set.of(200, 400, 401, 403, 429)),
            Map.entry("POST /api/admin/projections/rebuild", Set.of(202, 401, 403, 429)),
            Map.entry("GET /api/admin/projections/status", Set.of(200, 401, 403, 429)),
            Map.entry("POST /api/admin/projections/dead-letters/retry", Set.of(202, 401, 403, 429)),
            Map.entry("GET /api/admin/projections/verify", Set.of(200, 401, 403, 409, 429)),
            Map.entry("GET /api/me", Set.of(200, 401, 403, 429)),
            Map.entry("GET " + ID + "/proof-bundle", Set.of(200, 401, 403, 404, 429)),
            Map.entry("GET /api/audit/key", Set.of(200, 401, 403, 429)),
            Map.entry("GET /api/audit/checkpoint", Set.of(200, 401, 403, 429)),
            Map.entry("GET /api/audit/proof/inclusion", Set.of(200, 400, 401, 403, 429)),
            Map.entry("GET /api/audit/proof/consistency", Set.of(200, 400, 401, 403, 429)),
            Map.entry("GET /api/audit/export", Set.of(200, 400, 401, 403, 429)),
            Map.entry("GET /api/audit/verify", Set.of(200, 401, 403, 429)));

    /** A demo user with a role each endpoint admits. */
    private static final Map<String, String> CALLER = Map.of(
            "/api/finance/", "finance", "/api/admin/projections/verify", "auditor", "/api/admin/", "admin");

    private static QueryService service;
    private static Scenario scenario;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        service = QueryService.start(DATABASE);
        scenario = new Scenario(new Ledger());
        service.appender(DATABASE).append(scenario.ledger.written());
        service.await("finance", "/api/finance/commitments",
                body -> body.path("totalCommitted").decimalValue().compareTo(new BigDecimal("2046913.57")) == 0);
        // the audit examples name the first leaf: wait until the tree builder has taken the log in
        service.await("auditor", "/api/audit/proof/inclusion?leafIndex=0&treeSize=1", body -> true);
        QueryService.Response answer = service.get("auditor", "/v3/api-docs");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        document = answer.json();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        DATABASE.drop();
    }

    @Test
    void listsExactlyTheMappedEndpointsWithTheContractsStatuses() {
        RequestMappingHandlerMapping mappings = service.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        ApiDocumentCheck.assertTellsTheTruth(document, ApiDocumentCheck.mapped(mappings), CONTRACT);
        assertThat(ApiDocumentCheck.codes(document, "GET /api/admin/projections/verify", 409))
                .containsExactly("REBUILD_IN_PROGRESS");
        assertThat(ApiDocumentCheck.codes(document, "GET " + ID + "/as-of", 400)).containsExactly("INVALID_FIELD");
        assertThat(ApiDocumentCheck.operation(document, "GET " + ID + "/history").path("x-roles").toString())
                .isEqualTo("[\"DISTRICT_OFFICER\",\"PROGRAM_MANAGER\",\"AUDITOR\",\"ADMIN\"]");
        JsonNode commitments = document.path("components").path("schemas").path("Commitments").path("properties");
        assertThat(commitments.path("totalCommitted").path("type").asText()).isEqualTo("number");
        assertThat(commitments.path("entries").path("items").path("$ref").asText()).endsWith("/Commitment");
        assertThat(document.path("components").path("schemas").path("DistrictRow").path("properties").path("code")
                .toString()).doesNotContain("和平区");
        assertThat(document.path("components").path("schemas").path("Disbursement").path("properties").path("source")
                .path("enum").toString()).isEqualTo("[\"MUNICIPAL\",\"DISTRICT\"]");
    }

    @Test
    void eachEndpointAnswersItsExampleWithTheDocumentedSuccessAndTwoDecimalAmounts() {
        Set<String> amounts = ApiDocumentCheck.amountProperties(document);
        assertThat(amounts).contains("awardedAmount", "totalCommitted", "matchingObligation", "paid", "outstanding")
                .doesNotContain("cap", "score");
        Map<String, Integer> seen = new TreeMap<>();
        ApiDocumentCheck.documented(document).forEach((endpoint, statuses) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(method.length() + 1);
            String user = CALLER.entrySet().stream().filter(c -> path.startsWith(c.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse("auditor");
            String url = path.replace("{id}", scenario.a.toString()) + query(endpoint);
            QueryService.Response answer = "POST".equals(method) ? service.post(user, url) : service.get(user, url);
            int success = statuses.stream().filter(s -> s < 300).findFirst().orElseThrow();
            assertThat(answer.status()).as("%s %s → %s", method, url, answer.text()).isEqualTo(success);
            if (answer.contentType().startsWith("application/json")) {
                seen.put(endpoint, ApiDocumentCheck.assertAmountsHaveTwoDecimals(answer.text(), amounts));
            }
        });
        // the example rebuild runs on in the background: it finishes before the service stops
        service.await("admin", "/api/admin/projections/status",
                body -> body.path("state").asText().equals("IDLE") && !body.path("finishedAt").isNull());
        assertThat(seen.get("GET " + ID)).isGreaterThanOrEqualTo(9);
        assertThat(seen.get("GET /api/finance/commitments")).isGreaterThan(20);
        assertThat(seen.get("GET /api/dashboard/districts")).isEqualTo(16 * 4);
    }

    private static String query(String endpoint) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        ApiDocumentCheck.operation(document, endpoint).path("parameters").forEach(parameter -> {
            if ("query".equals(parameter.path("in").asText()) && parameter.has("example")) {
                query.add(parameter.path("name").asText() + "="
                        + URLEncoder.encode(parameter.path("example").asText(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
