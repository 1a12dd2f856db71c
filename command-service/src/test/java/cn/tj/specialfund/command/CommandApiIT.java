package cn.tj.specialfund.command;

import cn.tj.specialfund.testsupport.IsolatedDatabase;
import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static cn.tj.specialfund.command.FormJson.applicant;
import static cn.tj.specialfund.command.FormJson.expenditure;
import static cn.tj.specialfund.command.FormJson.fundingRow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API over HTTP (contract §4): every status and error code, the order in which the checks
 * answer, exact yuan figures, and the event log behind it (a refused command appends nothing).
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class CommandApiIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final String TOP_UP_2020 = """
            {"miitPilot": {"programme": "MANUFACTURING_INTERNET_INTEGRATION", "year": 2020, "leadApplicant": true},
             "reviewReference": "MIIT 2020 pilot list, item 17"}""";

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

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
        events = new EventLog(jdbc);
    }

    // --- happy paths, exact yuan ---------------------------------------------------------------------------

    @Test
    void submitApproveScoreAwardAndTopUpWithTheContractsFigures() {
        ObjectNode form = FormJson.valid();
        Map<String, String> corr = Map.of("X-Correlation-Id", "corr-happy-1");

        Response submitted = api.post("/api/applications", "district-xiqing", "district", form.toString(), corr);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        assertThat(submitted.contentType()).startsWith("application/json");
        UUID id = UUID.fromString(submitted.body().path("id").asText());
        assertThat(submitted.body().path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(submitted.body().size()).isEqualTo(2);
        assertThat(submitted.location()).isEqualTo("/api/applications/" + id);
        assertThat(submitted.correlationId()).isEqualTo("corr-happy-1");

        Response approved = api.post("/api/applications/" + id + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true,\"comment\":\"matching funds budgeted\"}",
                Map.of("X-Correlation-Id", "corr-happy-2"));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.body()).isEqualTo(statusBody(id, "DISTRICT_APPROVED"));

        Response scored = api.post("/api/applications/" + id + "/score", "reviewer", "reviewer",
                "{\"score\": 86.5, \"reviewer\": \"third-party panel\"}", Map.of("X-Correlation-Id", "corr-happy-3"));
        assertThat(scored.body()).isEqualTo(statusBody(id, "SCORED"));
        Response rescored = api.post("/api/applications/" + id + "/score", "reviewer", "reviewer",
                "{\"score\": 88, \"reviewer\": \"third-party panel\"}", Map.of("X-Correlation-Id", "corr-happy-4"));
        assertThat(rescored.body()).isEqualTo(statusBody(id, "SCORED"));

        // eligible 6,000,000: MUNICIPAL ceiling min(20% x 6,000,000, 3,000,000) = 1,200,000 = requested
        Response awarded = api.post("/api/applications/" + id + "/award", "manager", "manager",
                "{\"tier\":\"MUNICIPAL\"}", Map.of("X-Correlation-Id", "corr-happy-5"));
        assertThat(awarded.status()).as(awarded.raw()).isEqualTo(200);
        assertThat(fieldNames(awarded.body()))
                .containsExactly("id", "status", "tier", "amount", "municipalShare", "districtShare");
        assertThat(awarded.body().path("id").asText()).isEqualTo(id.toString());
        assertThat(awarded.body().path("status").asText()).isEqualTo("AWARDED");
        assertThat(awarded.body().path("tier").asText()).isEqualTo("MUNICIPAL");
        assertYuan(awarded.body(), "amount", "1200000.00");
        assertYuan(awarded.body(), "municipalShare", "600000.00");
        assertYuan(awarded.body(), "districtShare", "600000.00");

        // top-up = min(30% x 6,000,000, 5,000,000) - 1,200,000 = 600,000
        Response toppedUp = api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020,
                Map.of("X-Correlation-Id", "corr-happy-6"));
        assertThat(toppedUp.status()).as(toppedUp.raw()).isEqualTo(200);
        assertThat(fieldNames(toppedUp.body()))
                .containsExactly("id", "status", "topUpAmount", "municipalShare", "districtShare", "totalSupport");
        assertThat(toppedUp.body().path("status").asText()).isEqualTo("TOPPED_UP");
        assertYuan(toppedUp.body(), "topUpAmount", "600000.00");
        assertYuan(toppedUp.body(), "municipalShare", "300000.00");
        assertYuan(toppedUp.body(), "districtShare", "300000.00");
        assertYuan(toppedUp.body(), "totalSupport", "1800000.00");

        List<EventLog.StoredEvent> log = events.of(id);
        assertThat(log).extracting(EventLog.StoredEvent::type).containsExactly("ApplicationSubmitted",
                "DistrictApproved", "ApplicationScored", "ApplicationScored", "ApplicationAwarded", "AwardToppedUp");
        assertThat(log).extracting(e -> e.metaData().path("actor").asText()).containsExactly("district-xiqing",
                "district-xiqing", "reviewer", "reviewer", "manager", "manager");
        // in what capacity each acted: the role, and the district a district officer acted for
        assertThat(log).extracting(e -> e.metaData().path("actorRole").asText()).containsExactly("DISTRICT_OFFICER",
                "DISTRICT_OFFICER", "REVIEWER", "REVIEWER", "PROGRAM_MANAGER", "PROGRAM_MANAGER");
        assertThat(log).extracting(e -> e.metaData().path("actorDistrict").asText("")).containsExactly("XIQING",
                "XIQING", "", "", "", "");
        assertThat(log).extracting(e -> e.metaData().path("correlationId").asText()).containsExactly("corr-happy-1",
                "corr-happy-2", "corr-happy-3", "corr-happy-4", "corr-happy-5", "corr-happy-6");
        assertThat(log).extracting(EventLog.StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(log.get(0).payload().path("eligibleInvestment").decimalValue()).isEqualByComparingTo("6000000");
        assertThat(log.get(3).payload().path("score").decimalValue()).isEqualByComparingTo("88");

        // only once
        assertRefused(() -> api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020),
                409, ErrorCode.INVALID_STATE);
    }

    @Test
    void sharesRoundTheDistrictsHalfDownToTheFenAndExcludedCostsAreNotEligible() {
        ObjectNode form = FormJson.valid();
        form.set("funding", LedgerClient.JSON.valueToTree(List.of(Map.of("year", 2019,
                "total", new java.math.BigDecimal("6500000.05"), "selfRaised", new java.math.BigDecimal("5300000.04"),
                "specialFunds", new java.math.BigDecimal("1200000.01")))));
        ArrayNode lines = form.putArray("expenditures");
        lines.addObject().put("category", "SOFTWARE_DEVELOPMENT").put("amount", new java.math.BigDecimal("6000000.05"))
                .put("specialFunds", new java.math.BigDecimal("1200000.01")).put("basis", "quotation");
        lines.addObject().put("category", "CIVIL_WORKS").put("amount", 500000)
                .put("specialFunds", 0).put("basis", "workshop floor");
        UUID id = api.scored(form);

        // eligible 6,000,000.05 (civil works excluded): ceiling floor(1,200,000.01) = requested
        Response awarded = api.award(id, "MUNICIPAL");
        assertThat(awarded.status()).as(awarded.raw()).isEqualTo(200);
        assertYuan(awarded.body(), "amount", "1200000.01");
        assertYuan(awarded.body(), "municipalShare", "600000.01");
        assertYuan(awarded.body(), "districtShare", "600000.00");

        // MIIT ceiling floor(30% x 6,000,000.05) = 1,800,000.01; minus 1,200,000.01
        Response toppedUp = api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020);
        assertThat(toppedUp.status()).as(toppedUp.raw()).isEqualTo(200);
        assertYuan(toppedUp.body(), "topUpAmount", "600000.00");
        assertYuan(toppedUp.body(), "municipalShare", "300000.00");
        assertYuan(toppedUp.body(), "districtShare", "300000.00");
        assertYuan(toppedUp.body(), "totalSupport", "1800000.01");
    }

    @Test
    void aQualifyingMiitPilotIsAwardedAtThirtyPercentUpToFiveMillion() {
        ObjectNode form = FormJson.miitPilot2019(FormJson.valid());
        fundingRow(form, 0).put("total", new java.math.BigDecimal("10000000.10"))
                .put("selfRaised", new java.math.BigDecimal("7000000.07"))
                .put("specialFunds", new java.math.BigDecimal("3000000.03"));
        expenditure(form, 0).put("amount", new java.math.BigDecimal("10000000.10"))
                .put("specialFunds", new java.math.BigDecimal("3000000.03"));
        UUID id = api.scored(form);

        Response awarded = api.award(id, "MIIT_PILOT");
        assertThat(awarded.status()).as(awarded.raw()).isEqualTo(200);
        assertThat(awarded.body().path("tier").asText()).isEqualTo("MIIT_PILOT");
        assertYuan(awarded.body(), "amount", "3000000.03");
        assertYuan(awarded.body(), "municipalShare", "1500000.02");
        assertYuan(awarded.body(), "districtShare", "1500000.01");

        // a top-up is only for MUNICIPAL awards
        assertRefused(() -> api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020),
                409, ErrorCode.INVALID_STATE);
    }

    @Test
    void bigProjectsReachTheTierCaps() {
        ObjectNode form = FormJson.valid();
        fundingRow(form, 0).put("total", 20000000).put("selfRaised", 17000000).put("specialFunds", 3000000);
        expenditure(form, 0).put("amount", 20000000).put("specialFunds", 3000000);
        UUID id = api.scored(form);

        Response awarded = api.award(id, "MUNICIPAL");
        assertYuan(awarded.body(), "amount", "3000000.00");
        Response toppedUp = api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020);
        assertYuan(toppedUp.body(), "topUpAmount", "2000000.00");
        assertYuan(toppedUp.body(), "municipalShare", "1000000.00");
        assertYuan(toppedUp.body(), "districtShare", "1000000.00");
        assertYuan(toppedUp.body(), "totalSupport", "5000000.00");
    }

    @Test
    void districtRejectionAndNonSelectionEndTheLifecycle() {
        UUID rejected = api.submitted(FormJson.valid());
        Response districtRejected = api.post("/api/applications/" + rejected + "/district-review", "district-xiqing",
                "district", "{\"decision\":\"REJECT\",\"comment\":\"no matching budget\"}");
        assertThat(districtRejected.body()).isEqualTo(statusBody(rejected, "DISTRICT_REJECTED"));
        assertRefused(() -> api.score(rejected, "70"), 409, ErrorCode.INVALID_STATE);

        UUID notSelected = api.scored(FormJson.valid());
        Response decided = api.post("/api/applications/" + notSelected + "/reject", "manager", "manager",
                "{\"reason\":\"ranked below the line\"}");
        assertThat(decided.body()).isEqualTo(statusBody(notSelected, "NOT_SELECTED"));
        assertRefused(() -> api.post("/api/applications/" + notSelected + "/top-up", "manager", "manager", TOP_UP_2020),
                409, ErrorCode.INVALID_STATE);
        assertThat(events.of(notSelected)).extracting(EventLog.StoredEvent::type)
                .containsExactly("ApplicationSubmitted", "DistrictApproved", "ApplicationScored", "ApplicationNotSelected");
    }

    @Test
    void anAdminMaySubmitForAnyDistrict() {
        ObjectNode form = FormJson.valid();
        applicant(form).put("district", "BINHAI");
        Response response = api.post("/api/applications", "admin", "admin", form.toString());
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }

    // --- 401 ---------------------------------------------------------------------------------------------

    @Test
    void unauthenticatedRequestsAre401() {
        assertRefused(() -> api.post("/api/applications", null, null, FormJson.valid().toString()),
                401, ErrorCode.UNAUTHENTICATED);
        assertRefused(() -> api.post("/api/applications", "district-xiqing", "wrong", FormJson.valid().toString()),
                401, ErrorCode.UNAUTHENTICATED);
        // before the body and the id are looked at
        assertRefused(() -> api.post("/api/applications/" + UUID.randomUUID() + "/award", null, null, "{nonsense"),
                401, ErrorCode.UNAUTHENTICATED);
    }

    // --- 400 ---------------------------------------------------------------------------------------------

    @Test
    void malformedJsonIs400() {
        assertInvalidSubmission("{\"projectName\": ", ErrorCode.INVALID_FIELD);
        assertInvalidSubmission("", ErrorCode.INVALID_FIELD);
        assertInvalidSubmission(FormJson.valid() + " {}", ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post("/api/applications/" + UUID.randomUUID() + "/award", "manager", "manager",
                "{\"tier\": MUNICIPAL}"), 400, ErrorCode.INVALID_FIELD);
    }

    @Test
    void wrongTypesAre400() {
        ObjectNode yearAsWord = FormJson.valid();
        fundingRow(yearAsWord, 0).put("year", "twenty-nineteen");
        assertInvalidSubmission(yearAsWord.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode fractionalYear = FormJson.valid();
        fundingRow(fractionalYear, 0).put("year", 2019.5);
        assertInvalidSubmission(fractionalYear.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode nullYear = FormJson.valid();
        fundingRow(nullYear, 0).putNull("year");
        assertInvalidSubmission(nullYear.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode moneyAsString = FormJson.valid();
        fundingRow(moneyAsString, 0).put("total", "6000000");
        assertInvalidSubmission(moneyAsString.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode fundingAsObject = FormJson.valid();
        fundingAsObject.putObject("funding");
        assertInvalidSubmission(fundingAsObject.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode flagAsString = FormJson.valid();
        flagAsString.put("integrationCertified", "no");
        assertInvalidSubmission(flagAsString.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode badDate = FormJson.valid();
        badDate.put("constructionStart", "2019-02-30");
        assertInvalidSubmission(badDate.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode missingName = FormJson.valid();
        missingName.remove("projectName");
        assertInvalidSubmission(missingName.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode unknownField = FormJson.valid();
        unknownField.put("priority", "high");
        assertInvalidSubmission(unknownField.toString(), ErrorCode.INVALID_FIELD);

        UUID id = api.submitted(FormJson.valid());
        String review = "/api/applications/" + id + "/district-review";
        assertRefused(() -> api.post(review, "district-xiqing", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":\"yes\"}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post(review, "district-xiqing", "district",
                "{\"matchingCommitted\":true}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post(review, "district-xiqing", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true,\"signedBy\":\"x\"}"), 400, ErrorCode.INVALID_FIELD);
        String score = "/api/applications/" + id + "/score";
        assertRefused(() -> api.post(score, "reviewer", "reviewer", "{\"score\":\"high\"}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post(score, "reviewer", "reviewer", "{\"score\":100.5}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post(score, "reviewer", "reviewer", "{\"score\":-1}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post(score, "reviewer", "reviewer", "{\"score\":86.555}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post(score, "reviewer", "reviewer", "{}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post("/api/applications/" + id + "/award", "manager", "manager", "{}"),
                400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post("/api/applications/" + id + "/top-up", "manager", "manager",
                "{\"reviewReference\":\"x\"}"), 400, ErrorCode.INVALID_FIELD);
    }

    @Test
    void unknownEnumValuesAre400() {
        ObjectNode status = FormJson.valid();
        status.put("constructionStatus", "FINISHED");
        assertInvalidSubmission(status.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode material = FormJson.valid();
        ((ArrayNode) material.path("materials")).add("PHOTOGRAPHS");
        assertInvalidSubmission(material.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode category = FormJson.valid();
        expenditure(category, 0).put("category", "MARKETING");
        assertInvalidSubmission(category.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode district = FormJson.valid();
        applicant(district).put("district", "PUDONG");
        assertInvalidSubmission(district.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode programme = FormJson.miitPilot2019(FormJson.valid());
        ((ObjectNode) programme.path("miitPilot")).put("programme", "SMART_CITY");
        assertInvalidSubmission(programme.toString(), ErrorCode.INVALID_FIELD);

        UUID id = UUID.randomUUID();
        assertRefused(() -> api.post("/api/applications/" + id + "/award", "manager", "manager",
                "{\"tier\":\"GOLD\"}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post("/api/applications/" + id + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"MAYBE\",\"matchingCommitted\":true}"), 400, ErrorCode.INVALID_FIELD);
    }

    @Test
    void unknownDirectionIs400() {
        ObjectNode form = FormJson.valid();
        form.put("direction", "3.1");
        assertInvalidSubmission(form.toString(), ErrorCode.INVALID_FIELD);
        form.put("direction", 1.1);
        assertInvalidSubmission(form.toString(), ErrorCode.INVALID_FIELD);
    }

    @Test
    void moneyWithThreeDecimalsNegativeOrAbsurdIs400() {
        ObjectNode threeDecimals = FormJson.valid();
        fundingRow(threeDecimals, 0).put("total", new java.math.BigDecimal("6000000.001"));
        assertInvalidSubmission(threeDecimals.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode negative = FormJson.valid();
        expenditure(negative, 0).put("specialFunds", -1200000);
        assertInvalidSubmission(negative.toString(), ErrorCode.INVALID_FIELD);

        ObjectNode absurd = FormJson.valid();
        expenditure(absurd, 0).put("amount", new java.math.BigDecimal("1E+15"));
        assertInvalidSubmission(absurd.toString(), ErrorCode.INVALID_FIELD);

        // exact decimals: 0.1 + 0.2 style values are not floating point here
        String tiny = FormJson.valid().toString().replace("\"selfRaised\":4800000", "\"selfRaised\":4800000.0000001");
        assertInvalidSubmission(tiny, ErrorCode.INVALID_FIELD);
    }

    @Test
    void anInvalidCreditCodeIs400() {
        ObjectNode checksum = FormJson.valid();
        String valid = applicant(checksum).path("creditCode").asText();
        char last = valid.charAt(17);
        applicant(checksum).put("creditCode", valid.substring(0, 17) + (last == '0' ? '1' : '0'));
        assertInvalidSubmission(checksum.toString(), ErrorCode.INVALID_CREDIT_CODE);

        ObjectNode length = FormJson.valid();
        applicant(length).put("creditCode", "9112011605012345");
        assertInvalidSubmission(length.toString(), ErrorCode.INVALID_CREDIT_CODE);

        ObjectNode missing = FormJson.valid();
        applicant(missing).remove("creditCode");
        assertInvalidSubmission(missing.toString(), ErrorCode.INVALID_CREDIT_CODE);
    }

    // --- 404 ---------------------------------------------------------------------------------------------

    @Test
    void unknownOrImpossibleIdsAre404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1")) {
            String base = "/api/applications/" + id;
            assertRefused(() -> api.post(base + "/district-review", "district-xiqing", "district",
                    "{\"decision\":\"APPROVE\",\"matchingCommitted\":true}"), 404, ErrorCode.NOT_FOUND);
            assertRefused(() -> api.post(base + "/score", "reviewer", "reviewer", "{\"score\":80,\"reviewer\":\"panel\"}"),
                    404, ErrorCode.NOT_FOUND);
            assertRefused(() -> api.post(base + "/award", "manager", "manager", "{\"tier\":\"MUNICIPAL\"}"),
                    404, ErrorCode.NOT_FOUND);
            assertRefused(() -> api.post(base + "/reject", "manager", "manager", "{\"reason\":\"x\"}"),
                    404, ErrorCode.NOT_FOUND);
            assertRefused(() -> api.post(base + "/top-up", "manager", "manager", TOP_UP_2020),
                    404, ErrorCode.NOT_FOUND);
        }
        // 400 answers before 404, 404 before 403
        UUID unknown = UUID.randomUUID();
        assertRefused(() -> api.post("/api/applications/" + unknown + "/score", "reviewer", "reviewer",
                "{\"score\":101,\"reviewer\":\"panel\"}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post("/api/applications/not-a-uuid/award", "manager", "manager",
                "{\"tier\":\"GOLD\"}"), 400, ErrorCode.INVALID_FIELD);
        assertRefused(() -> api.post("/api/applications/" + unknown + "/award", "reviewer", "reviewer",
                "{\"tier\":\"MUNICIPAL\"}"), 404, ErrorCode.NOT_FOUND);
    }

    // --- 403 ---------------------------------------------------------------------------------------------

    @Test
    void aRoleThatMayNotActIs403() {
        String form = FormJson.valid().toString();
        for (String user : List.of("reviewer", "manager", "finance", "auditor")) {
            assertRefused(() -> api.post("/api/applications", user, user, form), 403, ErrorCode.FORBIDDEN);
        }
        UUID id = api.submitted(FormJson.valid());
        String base = "/api/applications/" + id;
        assertRefused(() -> api.post(base + "/district-review", "manager", "manager",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true}"), 403, ErrorCode.FORBIDDEN);
        assertRefused(() -> api.post(base + "/district-review", "admin", "admin",
                "{\"decision\":\"REJECT\"}"), 403, ErrorCode.FORBIDDEN);
        assertRefused(() -> api.post(base + "/score", "district-xiqing", "district",
                "{\"score\":99,\"reviewer\":\"panel\"}"),
                403, ErrorCode.FORBIDDEN);
        assertRefused(() -> api.post(base + "/award", "reviewer", "reviewer", "{\"tier\":\"MUNICIPAL\"}"),
                403, ErrorCode.FORBIDDEN);
        assertRefused(() -> api.post(base + "/reject", "admin", "admin", "{\"reason\":\"x\"}"),
                403, ErrorCode.FORBIDDEN);
        assertRefused(() -> api.post(base + "/top-up", "finance", "finance", TOP_UP_2020), 403, ErrorCode.FORBIDDEN);
        // 403 answers before 409: the application is SUBMITTED, so awarding it would also be a wrong state
        assertRefused(() -> api.post(base + "/award", "district-xiqing", "district", "{\"tier\":\"MUNICIPAL\"}"),
                403, ErrorCode.FORBIDDEN);
    }

    @Test
    void anOfficerOfAnotherDistrictIs403() {
        ObjectNode form = FormJson.valid();
        assertRefused(() -> api.post("/api/applications", "district-hexi", "district", form.toString()),
                403, ErrorCode.FORBIDDEN);
        UUID id = api.submitted(form);
        String review = "/api/applications/" + id + "/district-review";
        assertRefused(() -> api.post(review, "district-hexi", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true}"), 403, ErrorCode.FORBIDDEN);
        assertRefused(() -> api.post(review, "district-hexi", "district", "{\"decision\":\"REJECT\"}"),
                403, ErrorCode.FORBIDDEN);
        assertThat(api.approve(id, "XIQING").status()).isEqualTo(200);
        // 403 before 409: approving again is a wrong state too
        assertRefused(() -> api.post(review, "district-hexi", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":true}"), 403, ErrorCode.FORBIDDEN);
    }

    // --- 409 ---------------------------------------------------------------------------------------------

    @Test
    void aTransitionTheLifecycleDoesNotAllowIs409InvalidState() {
        UUID id = api.submitted(FormJson.valid());
        String base = "/api/applications/" + id;
        assertRefused(() -> api.score(id, "80"), 409, ErrorCode.INVALID_STATE);
        assertRefused(() -> api.award(id, "MUNICIPAL"), 409, ErrorCode.INVALID_STATE);
        assertRefused(() -> api.post(base + "/reject", "manager", "manager", "{\"reason\":\"x\"}"),
                409, ErrorCode.INVALID_STATE);
        assertRefused(() -> api.post(base + "/top-up", "manager", "manager", TOP_UP_2020), 409, ErrorCode.INVALID_STATE);
        assertThat(api.approve(id, "XIQING").status()).isEqualTo(200);
        assertRefused(() -> api.approve(id, "XIQING"), 409, ErrorCode.INVALID_STATE);
        assertRefused(() -> api.post(base + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"REJECT\"}"), 409, ErrorCode.INVALID_STATE);
        assertThat(api.score(id, "75").status()).isEqualTo(200);
        assertThat(api.award(id, "MUNICIPAL").status()).isEqualTo(200);
        assertRefused(() -> api.award(id, "MUNICIPAL"), 409, ErrorCode.INVALID_STATE);
        assertRefused(() -> api.score(id, "90"), 409, ErrorCode.INVALID_STATE);
        // 409 before 422: a second award with a tier the applicant cannot claim is still a wrong state
        assertRefused(() -> api.award(id, "MIIT_PILOT"), 409, ErrorCode.INVALID_STATE);
    }

    @Test
    void aSecondApplicationOfTheSameApplicantIs409DuplicateApplicant() {
        ObjectNode first = FormJson.valid();
        UUID firstId = api.submitted(first);
        assertThat(api.post("/api/applications/" + firstId + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"REJECT\"}").status()).isEqualTo(200);

        // whatever became of the first, in whatever direction or district the second is filed
        ObjectNode second = FormJson.valid("2.3");
        applicant(second).put("creditCode", applicant(first).path("creditCode").asText()).put("district", "HEXI");
        assertRefused(() -> api.submit(second), 409, ErrorCode.DUPLICATE_APPLICANT);
        // lower case is the same code
        ObjectNode lowerCase = FormJson.valid();
        applicant(lowerCase).put("creditCode", applicant(first).path("creditCode").asText().toLowerCase());
        assertRefused(() -> api.submit(lowerCase), 409, ErrorCode.DUPLICATE_APPLICANT);
        // 409 before 422
        ObjectNode alsoBroken = FormJson.valid();
        applicant(alsoBroken).put("creditCode", applicant(first).path("creditCode").asText());
        ((ArrayNode) alsoBroken.path("materials")).removeAll().add("APPLICATION_FORM");
        assertRefused(() -> api.submit(alsoBroken), 409, ErrorCode.DUPLICATE_APPLICANT);
        // 403 before 409
        assertRefused(() -> api.post("/api/applications", "district-hexi", "district", first.toString()),
                403, ErrorCode.FORBIDDEN);
    }

    @Test
    void aSubmissionRefusedByARuleDoesNotUseUpTheApplicant() {
        ObjectNode refused = FormJson.valid();
        ((ArrayNode) refused.path("materials")).removeAll().add("APPLICATION_FORM");
        assertRefused(() -> api.submit(refused), 422, ErrorCode.MISSING_MATERIAL);

        ObjectNode corrected = FormJson.valid();
        applicant(corrected).put("creditCode", applicant(refused).path("creditCode").asText());
        assertThat(api.submit(corrected).status()).isEqualTo(201);
    }

    @Test
    void theEleventhAwardInDirection11Is409DirectionCapReached() {
        long alreadyAwarded = events.awardsIn("1.1");
        for (long i = alreadyAwarded; i < 9; i++) {
            api.awarded(FormJson.valid("1.1"), "MUNICIPAL");
        }
        // a refusal after the slot was taken gives the slot back
        UUID notAPilot = api.scored(FormJson.valid("1.1"));
        assertRefused(() -> api.award(notAPilot, "MIIT_PILOT"), 422, ErrorCode.NOT_MIIT_PILOT);
        assertThat(api.award(notAPilot, "MUNICIPAL").status()).isEqualTo(200);
        assertThat(events.awardsIn("1.1")).isEqualTo(10);

        UUID eleventh = api.scored(FormJson.valid("1.1"));
        assertRefused(() -> api.award(eleventh, "MUNICIPAL"), 409, ErrorCode.DIRECTION_CAP_REACHED);
        // 409 before 422
        assertRefused(() -> api.award(eleventh, "MIIT_PILOT"), 409, ErrorCode.DIRECTION_CAP_REACHED);
        // the eleventh may still be not selected; other directions are not capped
        assertThat(api.post("/api/applications/" + eleventh + "/reject", "manager", "manager",
                "{\"reason\":\"direction 1.1 is full\"}").status()).isEqualTo(200);
        assertThat(api.awarded(FormJson.valid("1.3"), "MUNICIPAL")).isNotNull();
        assertThat(events.awardsIn("1.1")).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT awarded FROM award_slot WHERE direction = '1.1'", Integer.class))
                .isEqualTo(10);
    }

    // --- 422 ---------------------------------------------------------------------------------------------

    @Test
    void investmentBefore2018Is422() {
        ObjectNode form = FormJson.valid();
        fundingRow(form, 0).put("year", 2017);
        assertRefused(() -> api.submit(form), 422, ErrorCode.INVESTMENT_BEFORE_CUTOFF);
        // first in table order: the missing material is not reported
        ((ArrayNode) form.path("materials")).removeAll().add("APPLICATION_FORM");
        assertRefused(() -> api.submit(form), 422, ErrorCode.INVESTMENT_BEFORE_CUTOFF);
    }

    @Test
    void constructionLongerThanTwoYearsIs422() {
        ObjectNode form = FormJson.valid();
        form.put("constructionStatus", "IN_CONSTRUCTION").put("constructionStart", "2019-03-01")
                .put("constructionEnd", "2021-03-02");
        assertRefused(() -> api.submit(form), 422, ErrorCode.CONSTRUCTION_PERIOD_TOO_LONG);
        form.put("constructionEnd", "2021-03-01");
        assertThat(api.submit(form).status()).isEqualTo(201);
    }

    @Test
    void specialFundsForExcludedCostsAre422() {
        ObjectNode form = FormJson.valid();
        fundingRow(form, 0).put("total", 6500000).put("selfRaised", 5200000).put("specialFunds", 1300000);
        ((ArrayNode) form.path("expenditures")).addObject().put("category", "DIGITAL_PRODUCTION_EQUIPMENT")
                .put("amount", 500000).put("specialFunds", 100000).put("basis", "CNC machines");
        assertRefused(() -> api.submit(form), 422, ErrorCode.EXCLUDED_COST_FUNDED);
    }

    @Test
    void approvalWithoutTheMatchingCommitmentIs422() {
        UUID id = api.submitted(FormJson.valid());
        assertRefused(() -> api.post("/api/applications/" + id + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":false}"), 422, ErrorCode.MATCHING_NOT_COMMITTED);
        assertRefused(() -> api.post("/api/applications/" + id + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"APPROVE\"}"), 422, ErrorCode.MATCHING_NOT_COMMITTED);
        assertRefused(() -> api.post("/api/applications/" + id + "/district-review", "district-xiqing", "district",
                "{\"decision\":\"APPROVE\",\"matchingCommitted\":null}"), 422, ErrorCode.MATCHING_NOT_COMMITTED);
    }

    @Test
    void missingMaterialsAre422() {
        ObjectNode form = FormJson.valid();
        ((ArrayNode) form.path("materials")).removeAll()
                .add("APPLICATION_FORM").add("CONSTRUCTION_PLAN").add("ASSESSMENT_REPORT");
        assertRefused(() -> api.submit(form), 422, ErrorCode.MISSING_MATERIAL);
    }

    @Test
    void industrialInternetIndicatorsOnlyFor2xAre422Otherwise() {
        ObjectNode without = FormJson.valid("2.1");
        without.putNull("industrialInternet");
        assertRefused(() -> api.submit(without), 422, ErrorCode.INDUSTRIAL_INTERNET_METRICS);
        ObjectNode with = FormJson.valid("1.4");
        with.set("industrialInternet", FormJson.indicators());
        assertRefused(() -> api.submit(with), 422, ErrorCode.INDUSTRIAL_INTERNET_METRICS);
    }

    @Test
    void anInconsistentBudgetIs422() {
        ObjectNode total = FormJson.valid();
        fundingRow(total, 0).put("selfRaised", 4800001);
        assertRefused(() -> api.submit(total), 422, ErrorCode.BUDGET_INCONSISTENT);
        ObjectNode spent = FormJson.valid();
        expenditure(spent, 0).put("amount", 5999999);
        assertRefused(() -> api.submit(spent), 422, ErrorCode.BUDGET_INCONSISTENT);
        // a budget without rows is refused at the edge already (§7: funding 1-10 rows, 400 before any 422)
        ObjectNode none = FormJson.valid();
        none.putArray("funding");
        none.putArray("expenditures");
        assertRefused(() -> api.submit(none), 400, ErrorCode.INVALID_FIELD);
    }

    @Test
    void aRequestAboveTheClaimableCeilingIs422() {
        ObjectNode form = FormJson.valid();
        fundingRow(form, 0).put("selfRaised", new java.math.BigDecimal("4799999.99"))
                .put("specialFunds", new java.math.BigDecimal("1200000.01"));
        expenditure(form, 0).put("specialFunds", new java.math.BigDecimal("1200000.01"));
        assertRefused(() -> api.submit(form), 422, ErrorCode.REQUEST_EXCEEDS_CEILING);
    }

    @Test
    void miitPilotTierWithoutAQualifyingPilotIs422NotMiitPilot() {
        UUID municipalOnly = api.scored(FormJson.valid());
        assertRefused(() -> api.award(municipalOnly, "MIIT_PILOT"), 422, ErrorCode.NOT_MIIT_PILOT);

        ObjectNode notLead = FormJson.miitPilot2019(FormJson.valid());
        ((ObjectNode) notLead.path("miitPilot")).put("leadApplicant", false);
        UUID notLeadId = api.scored(notLead);
        assertRefused(() -> api.award(notLeadId, "MIIT_PILOT"), 422, ErrorCode.NOT_MIIT_PILOT);

        assertThat(api.award(municipalOnly, "MUNICIPAL").status()).isEqualTo(200);
        assertRefused(() -> api.post("/api/applications/" + municipalOnly + "/top-up", "manager", "manager",
                TOP_UP_2020.replace("\"leadApplicant\": true", "\"leadApplicant\": false")), 422, ErrorCode.NOT_MIIT_PILOT);
    }

    @Test
    void aTopUpWithNothingLeftIs422NothingToTopUp() {
        // only civil works: nothing is eligible, so nothing is requested, awarded, or left to top up
        ObjectNode form = FormJson.valid();
        fundingRow(form, 0).put("total", 1000000).put("selfRaised", 1000000).put("specialFunds", 0);
        ArrayNode lines = form.putArray("expenditures");
        lines.addObject().put("category", "CIVIL_WORKS").put("amount", 1000000).put("specialFunds", 0)
                .put("basis", "new hall");
        UUID id = api.scored(form);
        Response awarded = api.award(id, "MUNICIPAL");
        assertYuan(awarded.body(), "amount", "0.00");
        assertRefused(() -> api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020),
                422, ErrorCode.NOTHING_TO_TOP_UP);
    }

    // --- metrics -----------------------------------------------------------------------------------------

    @Test
    void everyCommandTypeHasItsOwnTimer() {
        // axon-micrometer, dimensional: commandBus_{all,success,failure}Timer tagged with the payload type
        api.scored(FormJson.valid());
        Response prometheus = api.get("/actuator/prometheus", "metrics", "metrics", Map.of());
        assertThat(prometheus.status()).isEqualTo(200);
        for (String type : List.of("SubmitApplication", "ApproveInDistrict", "ScoreApplication")) {
            assertThat(prometheus.raw()).containsPattern(
                    "commandBus_allTimer_seconds_count\\{[^}]*application=\"command-service\"[^}]*payloadType=\""
                            + type + "\"");
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private void assertInvalidSubmission(String body, ErrorCode code) {
        assertRefused(() -> api.post("/api/applications", "district-xiqing", "district", body), 400, code);
    }

    /** The answer is the expected problem, and the event log did not grow. */
    private void assertRefused(Supplier<Response> command, int status, ErrorCode code) {
        long before = events.count();
        Response response = command.get();
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.raw()).isEqualTo(code.name());
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(events.count()).as("events appended by a refused command").isEqualTo(before);
    }

    private static JsonNode statusBody(UUID id, String status) {
        return LedgerClient.JSON.createObjectNode().put("id", id.toString()).put("status", status);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertYuan(JsonNode body, String field, String expected) {
        assertThat(body.path(field).isNumber()).as(field + " is a JSON number").isTrue();
        assertThat(body.path(field).decimalValue().toPlainString()).as(field).isEqualTo(expected);
    }
}
