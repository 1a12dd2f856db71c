package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.testsupport.ApiDocumentCheck;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-service's API document tells the truth: it lists exactly the endpoints the service maps, each with
 * the statuses of contract §4, §5, §7 and §8, and its example requests, posted in the order of their story, are
 * accepted by the running service. The story's payment is dated 2021-01-15, so the service's clock stands on that
 * day (Beijing time) while the examples run.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class ApiDocumentIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final String ID = "/api/applications/{id}";

    /** What the contract gives each command: its success, then the refusals its checks can answer. */
    static final Map<String, Set<Integer>> CONTRACT = Map.of(
            "POST /api/applications", Set.of(201, 400, 401, 403, 409, 413, 422, 429),
            "POST " + ID + "/district-review", Set.of(200, 400, 401, 403, 404, 409, 413, 422, 429),
            "POST " + ID + "/score", Set.of(200, 400, 401, 403, 404, 409, 413, 429),
            "POST " + ID + "/award", Set.of(200, 400, 401, 403, 404, 409, 413, 422, 429),
            "POST " + ID + "/reject", Set.of(200, 400, 401, 403, 404, 409, 413, 429),
            "POST " + ID + "/top-up", Set.of(200, 400, 401, 403, 404, 409, 413, 422, 429),
            "POST " + ID + "/disbursements", Set.of(201, 400, 401, 403, 404, 409, 413, 422, 429),
            "POST " + ID + "/disbursements/{disbursementId}/reversal", Set.of(200, 400, 401, 403, 404, 409, 413, 429));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @AfterAll
    static void restoreClockAndDropSchema() {
        GenericEventMessage.clock = Clock.systemUTC();
        if (DATABASE.isPostgres()) {
            DATABASE.drop();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private LedgerClient api;
    private JsonNode document;

    @BeforeEach
    void fetchTheDocument() {
        api = new LedgerClient(port);
        Response answer = api.get("/v3/api-docs", "manager", "manager", Map.of());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        document = answer.body();
    }

    @Test
    void listsExactlyTheMappedEndpointsWithTheContractsStatuses() {
        ApiDocumentCheck.assertTellsTheTruth(document, ApiDocumentCheck.mapped(mappings), CONTRACT);
    }

    @Test
    void documentAndUiAreForTheApisUsersAndServedByTheServiceItself() {
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html",
                "/swagger-ui/swagger-initializer.js", "/v3/api-docs/swagger-config")) {
            assertThat(api.get(path).status()).as("anonymous %s", path).isEqualTo(401);
            assertThat(api.get(path, "metrics", "metrics", Map.of()).status()).as("metrics %s", path).isEqualTo(403);
        }
        assertThat(api.get("/swagger-ui.html", "reviewer", "reviewer", Map.of()).status()).isIn(200, 302);
        Response page = api.get("/swagger-ui/index.html", "district-xiqing", "district", Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).contains("swagger-initializer.js").doesNotContain("<script>").doesNotContain("https://");
        Response config = api.get("/v3/api-docs/swagger-config", "auditor", "auditor", Map.of());
        assertThat(config.raw()).contains("\"url\":\"/v3/api-docs\"");
        assertThat(api.get("/swagger-ui/swagger-ui-bundle.js", "auditor", "auditor", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void enumeratesEachEndpointsProblemCodes() {
        assertThat(ApiDocumentCheck.codes(document, "POST /api/applications", 400))
                .containsExactlyInAnyOrder("INVALID_FIELD", "INVALID_CREDIT_CODE");
        assertThat(ApiDocumentCheck.codes(document, "POST /api/applications", 409)).containsExactly("DUPLICATE_APPLICANT");
        assertThat(ApiDocumentCheck.codes(document, "POST /api/applications", 422)).containsExactlyInAnyOrder(
                "INVESTMENT_BEFORE_CUTOFF", "CONSTRUCTION_PERIOD_TOO_LONG", "EXCLUDED_COST_FUNDED", "MISSING_MATERIAL",
                "INDUSTRIAL_INTERNET_METRICS", "BUDGET_INCONSISTENT", "REQUEST_EXCEEDS_CEILING");
        assertThat(ApiDocumentCheck.codes(document, "POST " + ID + "/award", 409))
                .containsExactlyInAnyOrder("INVALID_STATE", "DIRECTION_CAP_REACHED");
        assertThat(ApiDocumentCheck.codes(document, "POST " + ID + "/top-up", 422))
                .containsExactlyInAnyOrder("NOT_MIIT_PILOT", "NOTHING_TO_TOP_UP");
        assertThat(ApiDocumentCheck.codes(document, "POST " + ID + "/disbursements", 409))
                .containsExactlyInAnyOrder("INVALID_STATE", "DUPLICATE_VOUCHER");
        assertThat(ApiDocumentCheck.codes(document, "POST " + ID + "/disbursements", 422))
                .containsExactlyInAnyOrder("DISBURSEMENT_EXCEEDS_COMMITMENT", "INVALID_PAYMENT_DATE");
        assertThat(ApiDocumentCheck.codes(document, "POST " + ID + "/district-review", 422))
                .containsExactly("MATCHING_NOT_COMMITTED");
        for (String endpoint : CONTRACT.keySet()) {
            assertThat(ApiDocumentCheck.codes(document, endpoint, 401)).containsExactly("UNAUTHENTICATED");
            assertThat(ApiDocumentCheck.codes(document, endpoint, 403)).containsExactly("FORBIDDEN");
            assertThat(ApiDocumentCheck.codes(document, endpoint, 413)).containsExactly("PAYLOAD_TOO_LARGE");
            assertThat(ApiDocumentCheck.codes(document, endpoint, 429)).containsExactly("TOO_MANY_ATTEMPTS");
        }
        JsonNode money = document.path("components").path("schemas").path("AwardResponse").path("properties").path("amount");
        assertThat(money.path("type").asText()).isEqualTo("number");
        assertThat(money.path("multipleOf").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(document.path("components").path("schemas").path("Applicant").path("properties").path("district")
                .path("description").asText()).contains("XIQING 西青区", "BINHAI 滨海新区");
        assertThat(document.path("components").path("schemas").path("SubmitApplicationRequest").path("properties")
                .path("direction").path("description").asText()).contains("1.1 关键领域信息技术集成应用示范");
    }

    @Test
    void itsExamplesAreAcceptedInTheOrderOfTheirStory() {
        GenericEventMessage.clock = Clock.fixed(Instant.parse("2021-01-15T02:00:00Z"), ZoneOffset.UTC);
        try {
            Response submitted = post("POST /api/applications", "district-xiqing", Map.of());
            String id = submitted.body().path("id").asText();
            post("POST " + ID + "/district-review", "district-xiqing", Map.of("id", id));
            post("POST " + ID + "/score", "reviewer", Map.of("id", id));
            Response awarded = post("POST " + ID + "/award", "manager", Map.of("id", id));
            assertThat(awarded.raw()).contains("\"amount\":1200000.00");
            Response toppedUp = post("POST " + ID + "/top-up", "manager", Map.of("id", id));
            assertThat(toppedUp.raw()).contains("\"topUpAmount\":600000.00", "\"totalSupport\":1800000.00");
            Response paid = post("POST " + ID + "/disbursements", "finance", Map.of("id", id));
            assertThat(paid.raw()).contains("\"amount\":800000.00", "\"paid\":800000.00", "\"outstanding\":100000.00");
            post("POST " + ID + "/disbursements/{disbursementId}/reversal", "finance",
                    Map.of("id", id, "disbursementId", paid.body().path("disbursementId").asText()));

            // the rejection's example, of another scored application
            ObjectNode other = FormJson.valid();
            String otherId = api.post("/api/applications", "district-xiqing", "district", other.toString())
                    .body().path("id").asText();
            assertThat(api.post("/api/applications/" + otherId + "/district-review", "district-xiqing", "district",
                    example("POST " + ID + "/district-review")).status()).isEqualTo(200);
            assertThat(api.post("/api/applications/" + otherId + "/score", "reviewer", "reviewer",
                    example("POST " + ID + "/score")).status()).isEqualTo(200);
            post("POST " + ID + "/reject", "manager", Map.of("id", otherId));
        } finally {
            GenericEventMessage.clock = Clock.systemUTC();
        }
    }

    /** Posts the document's example of an endpoint as the given demo user and expects the documented success. */
    private Response post(String endpoint, String user, Map<String, String> variables) {
        String path = endpoint.substring("POST ".length());
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            path = path.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        String password = user.startsWith("district-") ? "district" : user;
        Response answer = api.post(path, user, password, example(endpoint));
        int documented = ApiDocumentCheck.documented(document).get(endpoint).stream().filter(s -> s < 300)
                .findFirst().orElseThrow();
        assertThat(answer.status()).as("%s → %s", endpoint, answer.raw()).isEqualTo(documented);
        return answer;
    }

    private String example(String endpoint) {
        JsonNode content = ApiDocumentCheck.operation(document, endpoint).path("requestBody").path("content");
        List<JsonNode> media = List.copyOf((java.util.Collection<JsonNode>) toList(content));
        assertThat(media).as("request media of %s", endpoint).hasSize(1);
        return media.get(0).path("example").toString();
    }

    private static List<JsonNode> toList(JsonNode node) {
        List<JsonNode> list = new java.util.ArrayList<>();
        node.elements().forEachRemaining(list::add);
        return list;
    }
}
