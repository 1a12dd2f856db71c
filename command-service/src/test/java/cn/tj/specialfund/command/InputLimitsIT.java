package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.coreapi.rules.InputLimits;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §7 at the command side's edge: body size (413, both with a declared length and chunked, checked
 * after authentication), the rows of a form and every text rule (400 INVALID_FIELD with the field's JSON
 * pointer). Each refusal leaves the event log as it was.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class InputLimitsIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final int LIMIT = InputLimits.MAX_BODY_BYTES;
    private static final int FIFTY_MB = 50 * 1024 * 1024;

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
    JdbcTemplate jdbc;

    private LedgerClient api;
    private EventLog events;
    private StreamingClient raw;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        events = new EventLog(jdbc);
        raw = new StreamingClient(port);
    }

    // --- 413 ---------------------------------------------------------------------------------------------

    @Test
    void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIs413() {
        String form = FormJson.valid().toString();
        String padded = form + " ".repeat(LIMIT - form.getBytes(StandardCharsets.UTF_8).length);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
        assertThat(api.post("/api/applications", "district-xiqing", "district", padded).status()).isEqualTo(201);

        String onePast = FormJson.valid() + " ".repeat(LIMIT + 1 - form.getBytes(StandardCharsets.UTF_8).length);
        tooLarge(() -> api.post("/api/applications", "district-xiqing", "district", onePast));
    }

    @Test
    void oneHugeStringIs413WithADeclaredLengthAndChunked() {
        ObjectNode form = FormJson.valid();
        form.put("benefits", "x".repeat(LIMIT));
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        tooLarge(() -> api.post("/api/applications", "district-xiqing", "district", form.toString()));
        tooLarge(() -> raw.post("/api/applications", "district-xiqing", "district", body, false));
        tooLarge(() -> raw.post("/api/applications", "district-xiqing", "district", body, true));
    }

    @Test
    void aHugeArrayIs413WithADeclaredLengthAndChunked() {
        ObjectNode form = FormJson.valid();
        ArrayNode lines = form.putArray("expenditures");
        while (lines.toString().length() < 2 * LIMIT) {
            lines.addObject().put("category", "OTHER").put("amount", 1).put("specialFunds", 0).put("basis", "b");
        }
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        tooLarge(() -> raw.post("/api/applications", "district-xiqing", "district", body, false));
        tooLarge(() -> raw.post("/api/applications", "district-xiqing", "district", body, true));
    }

    @Test
    void fiftyMegabytesAreRefusedWithoutBeingRead() {
        // a body that never ends in valid JSON: if it were read in full, it could only be a 400
        byte[] array = ("{\"projectName\":\"x\",\"expenditures\":[" + "{\"category\":\"OTHER\"},".repeat(FIFTY_MB / 21))
                .getBytes(StandardCharsets.UTF_8);
        tooLarge(() -> raw.post("/api/applications", "district-xiqing", "district", array, false));
        tooLarge(() -> raw.post("/api/applications", "district-xiqing", "district", array, true));
        UUID id = api.submitted(FormJson.valid());
        tooLarge(() -> raw.post("/api/applications/" + id + "/reject", "manager", "manager", array, true));
    }

    @Test
    void everyCommandEndpointHasTheLimit() {
        UUID id = api.submitted(FormJson.valid());
        String big = "{\"comment\":\"" + "x".repeat(LIMIT) + "\"}";
        for (String path : new String[]{"/district-review", "/score", "/award", "/reject", "/top-up"}) {
            tooLarge(() -> api.post("/api/applications/" + id + path, "manager", "manager", big));
            tooLarge(() -> api.post("/api/applications/" + UUID.randomUUID() + path, "manager", "manager", big));
        }
    }

    @Test
    void authenticationAnswersBeforeTheBodySize() {
        byte[] body = ("{\"benefits\":\"" + "x".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[]{false, true}) {
            refused(() -> raw.post("/api/applications", null, null, body, chunked), 401, "UNAUTHENTICATED", null);
            refused(() -> raw.post("/api/applications", "manager", "wrong", body, chunked), 401, "UNAUTHENTICATED", null);
        }
        // and the size before the form: a 413 even where the form would be a 400
        tooLarge(() -> api.post("/api/applications", "district-xiqing", "district", "{nonsense" + " ".repeat(LIMIT)));
    }

    // --- rows --------------------------------------------------------------------------------------------

    @Test
    void fundingOneToTenRowsExpendituresOneToFifteenMaterialsUpToSeven() {
        ObjectNode funding = FormJson.valid();
        ArrayNode rows = funding.putArray("funding");
        for (int year = 2018; year < 2029; year++) {
            rows.addObject().put("year", year).put("total", 0).put("selfRaised", 0).put("specialFunds", 0);
        }
        invalid(funding, "/funding");
        ObjectNode noFunding = FormJson.valid();
        noFunding.putArray("funding");
        invalid(noFunding, "/funding");
        ObjectNode noExpenditures = FormJson.valid();
        noExpenditures.putArray("expenditures");
        invalid(noExpenditures, "/expenditures");

        ObjectNode expenditures = FormJson.valid();
        ArrayNode lines = (ArrayNode) expenditures.path("expenditures");
        for (int i = 0; i < 15; i++) {
            lines.addObject().put("category", "OTHER").put("amount", 0).put("specialFunds", 0).put("basis", "b");
        }
        invalid(expenditures, "/expenditures");

        ObjectNode materials = FormJson.valid();
        ((ArrayNode) materials.path("materials")).add("OTHER").add("OTHER").add("OTHER").add("OTHER");
        invalid(materials, "/materials");

        // at the limits: ten years of funding, fifteen lines (one per category), seven materials
        ObjectNode full = FormJson.valid();
        ArrayNode tenYears = full.putArray("funding");
        for (int year = 2018; year < 2028; year++) {
            tenYears.addObject().put("year", year).put("total", year == 2019 ? 6000000 : 0)
                    .put("selfRaised", year == 2019 ? 4800000 : 0).put("specialFunds", year == 2019 ? 1200000 : 0);
        }
        ArrayNode fifteen = full.putArray("expenditures");
        fifteen.addObject().put("category", "SOFTWARE_DEVELOPMENT").put("amount", 6000000)
                .put("specialFunds", 1200000).put("basis", "quotation");
        for (String category : new String[]{"DESIGN", "EQUIPMENT", "SOFTWARE_PURCHASE", "NETWORK", "CLOUD_SERVICES",
                "INTEGRATION", "TESTING_OUTSOURCING", "EXPERT_CONSULTING", "LOAN_INTEREST", "AUDIT_MANAGEMENT", "OTHER",
                "DIGITAL_PRODUCTION_EQUIPMENT", "TEST_INSTRUMENTS", "CIVIL_WORKS"}) {
            fifteen.addObject().put("category", category).put("amount", 0).put("specialFunds", 0).put("basis", "none");
        }
        ((ArrayNode) full.path("materials")).add("INTEGRATION_CERTIFICATE").add("MIIT_APPROVAL").add("OTHER");
        Response accepted = api.submit(full);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    }

    // --- text ----------------------------------------------------------------------------------------------

    @Test
    void controlCharactersAreRefusedWithTheFieldsPointer() {
        ObjectNode nul = FormJson.valid();
        FormJson.applicant(nul).put("name", "\u0000");
        invalid(nul, "/applicant/name");

        ObjectNode escape = FormJson.valid();
        escape.put("projectName", "MES\u001B[31m");
        invalid(escape, "/projectName");

        ObjectNode c1 = FormJson.valid();
        c1.put("benefits", "shorter\u0085lead times");
        invalid(c1, "/benefits");

        ObjectNode inBasis = twoLines();
        FormJson.expenditure(inBasis, 1).put("basis", "quotation\u0000");
        invalid(inBasis, "/expenditures/1/basis");
    }

    @Test
    void lineBreaksAreAllowedInMultiLineFieldsOnly() {
        ObjectNode multiLine = twoLines();
        multiLine.put("benefits", "第一，缩短交付周期；\r\n第二，降低库存。\t(估算)");
        FormJson.expenditure(multiLine, 1).put("basis", "报价单\n合同");
        Response accepted = api.submit(multiLine);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);

        ObjectNode name = FormJson.valid();
        name.put("projectName", "MES\nERP");
        invalid(name, "/projectName");
        ObjectNode applicant = FormJson.valid();
        FormJson.applicant(applicant).put("name", "天津\t有限公司");
        invalid(applicant, "/applicant/name");
    }

    @Test
    void unpairedSurrogatesAndNonCharactersAreRefused() {
        // written as JSON escapes: the only way a client can send a lone surrogate
        String lone = FormJson.valid().toString().replace("\"MES and ERP integration\"", "\"MES \\ud800 ERP\"");
        invalidBody(lone, "/projectName");
        String reversed = FormJson.valid().toString().replace("\"shorter lead times\"", "\"\\udfed\\ud83c\"");
        invalidBody(reversed, "/benefits");
        ObjectNode nonCharacter = FormJson.valid();
        FormJson.applicant(nonCharacter).put("name", "天津\uFFFF");
        invalid(nonCharacter, "/applicant/name");
        ObjectNode fffe = twoLines();
        FormJson.expenditure(fffe, 1).put("basis", "\uFFFE");
        invalid(fffe, "/expenditures/1/basis");
        // a pair is one character outside the BMP, and welcome
        String pair = FormJson.valid().toString().replace("\"MES and ERP integration\"", "\"MES \\ud83c\\udfed ERP\"");
        assertThat(api.post("/api/applications", "district-xiqing", "district", pair).status()).isEqualTo(201);
    }

    @Test
    void textsLongerThanTheirLimitAreRefused() {
        ObjectNode name = FormJson.valid();
        name.put("projectName", "智".repeat(201));
        invalid(name, "/projectName");
        ObjectNode applicant = FormJson.valid();
        FormJson.applicant(applicant).put("name", "a".repeat(201));
        invalid(applicant, "/applicant/name");
        ObjectNode basis = twoLines();
        FormJson.expenditure(basis, 1).put("basis", "b".repeat(1_001));
        invalid(basis, "/expenditures/1/basis");
        ObjectNode benefits = FormJson.valid();
        benefits.put("benefits", "b".repeat(4_001));
        invalid(benefits, "/benefits");

        ObjectNode atTheLimits = FormJson.valid();
        atTheLimits.put("projectName", "智".repeat(200)).put("benefits", "益".repeat(4_000));
        FormJson.applicant(atTheLimits).put("name", "\uD83C\uDFED".repeat(200));
        FormJson.expenditure(atTheLimits, 0).put("basis", "据".repeat(1_000));
        Response accepted = api.submit(atTheLimits);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    }

    @Test
    void requiredTextsNeedANonSpaceCharacter() {
        for (String blank : new String[]{"", "   ", "\u3000"}) {
            ObjectNode name = FormJson.valid();
            name.put("projectName", blank);
            invalid(name, "/projectName");
            ObjectNode applicant = FormJson.valid();
            FormJson.applicant(applicant).put("name", blank);
            invalid(applicant, "/applicant/name");
            ObjectNode basis = twoLines();
            FormJson.expenditure(basis, 1).put("basis", blank);
            invalid(basis, "/expenditures/1/basis");
            ObjectNode benefits = FormJson.valid();
            benefits.put("benefits", blank + "\n");
            invalid(benefits, "/benefits");
        }
        ObjectNode missing = FormJson.valid();
        missing.remove("benefits");
        invalid(missing, "/benefits");
        ObjectNode noBasis = twoLines();
        FormJson.expenditure(noBasis, 1).remove("basis");
        invalid(noBasis, "/expenditures/1/basis");
    }

    @Test
    void theTextsOfTheOtherCommands() {
        UUID id = api.submitted(FormJson.valid());
        String base = "/api/applications/" + id;
        refused(() -> api.post(base + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"REJECT\",\"comment\":\"" + "c".repeat(1_001) + "\"}"), 400, "INVALID_FIELD", "/comment");
        refused(() -> api.post(base + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"REJECT\",\"comment\":\"no\\u0000\"}"), 400, "INVALID_FIELD", "/comment");
        assertThat(api.post(base + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true,\"comment\":\"区财政已列入预算\\n（配套 1:1）\"}")
                .status()).isEqualTo(200);

        refused(() -> api.post(base + "/score", "reviewer", "reviewer", "{\"score\":80}"), 400, "INVALID_FIELD",
                "/reviewer");
        refused(() -> api.post(base + "/score", "reviewer", "reviewer", "{\"score\":80,\"reviewer\":\" \"}"),
                400, "INVALID_FIELD", "/reviewer");
        refused(() -> api.post(base + "/score", "reviewer", "reviewer",
                "{\"score\":80,\"reviewer\":\"" + "r".repeat(201) + "\"}"), 400, "INVALID_FIELD", "/reviewer");
        refused(() -> api.post(base + "/score", "reviewer", "reviewer", "{\"score\":80,\"reviewer\":\"a\\nb\"}"),
                400, "INVALID_FIELD", "/reviewer");
        assertThat(api.score(id, "80").status()).isEqualTo(200);

        refused(() -> api.post(base + "/reject", "manager", "manager",
                "{\"reason\":\"" + "r".repeat(1_001) + "\"}"), 400, "INVALID_FIELD", "/reason");
        refused(() -> api.post(base + "/reject", "manager", "manager", "{\"reason\":\"\\u0007\"}"),
                400, "INVALID_FIELD", "/reason");
        refused(() -> api.post(base + "/top-up", "manager", "manager",
                "{\"miitPilot\":{\"programme\":\"INDUSTRIAL_INTERNET_INNOVATION\",\"year\":2020,\"leadApplicant\":true},"
                        + "\"reviewReference\":\"list\\nitem 17\"}"), 400, "INVALID_FIELD", "/reviewReference");
        refused(() -> api.post(base + "/top-up", "manager", "manager",
                "{\"miitPilot\":{\"programme\":\"INDUSTRIAL_INTERNET_INNOVATION\",\"year\":2020,\"leadApplicant\":true},"
                        + "\"reviewReference\":\"" + "r".repeat(1_001) + "\"}"), 400, "INVALID_FIELD", "/reviewReference");
        // 400 answers before 404
        refused(() -> api.post("/api/applications/" + UUID.randomUUID() + "/reject", "manager", "manager",
                "{\"reason\":\"\\u0000\"}"), 400, "INVALID_FIELD", "/reason");
        assertThat(events.of(id)).extracting(EventLog.StoredEvent::type)
                .containsExactly("ApplicationSubmitted", "DistrictApproved", "ApplicationScored");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsPointerToo() {
        ObjectNode form = FormJson.valid();
        FormJson.fundingRow(form, 0).put("year", "twenty-nineteen");
        invalid(form, "/funding/0/year");
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** A valid form with a second, zero expenditure line (index 1) to put texts in. */
    private static ObjectNode twoLines() {
        ObjectNode form = FormJson.valid();
        ((ArrayNode) form.path("expenditures")).addObject().put("category", "DESIGN").put("amount", 0)
                .put("specialFunds", 0).put("basis", "in-house");
        return form;
    }

    private void invalid(ObjectNode form, String field) {
        invalidBody(form.toString(), field);
    }

    private void invalidBody(String body, String field) {
        refused(() -> api.post("/api/applications", "district-xiqing", "district", body), 400, "INVALID_FIELD", field);
    }

    private void tooLarge(Supplier<Response> request) {
        refused(request, 413, "PAYLOAD_TOO_LARGE", null);
    }

    private void refused(Supplier<Response> request, int status, String code, String field) {
        long before = events.count();
        Response response = request.get();
        assertThat(response.status()).as(abbreviated(response)).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        if (field == null) {
            assertThat(body.has("field")).as(response.raw()).isFalse();
        } else {
            assertThat(body.path("field").asText()).as(response.raw()).isEqualTo(field);
        }
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(events.count()).as("events appended by a refused request").isEqualTo(before);
    }

    private static String abbreviated(Response response) {
        String raw = response.raw() == null ? "" : response.raw();
        return raw.length() > 500 ? raw.substring(0, 500) + "…" : raw;
    }
}
