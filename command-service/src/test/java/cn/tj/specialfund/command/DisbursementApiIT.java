package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disbursements over HTTP (contract §8): each source's payments against its share of the award and the top-up,
 * every refusal with its code and nothing appended, reversals, and payments racing for the last yuan.
 * The form's award is 1 200 000 (600 000 + 600 000); its top-up adds 600 000 (300 000 + 300 000).
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class DisbursementApiIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final String TOP_UP_2020 = """
            {"miitPilot": {"programme": "MANUFACTURING_INTERNET_INTEGRATION", "year": 2020, "leadApplicant": true},
             "reviewReference": "工信部2020年试点示范名单"}""";

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

    private static String today() {
        return ProgramRules.CALL_2020.callDate(Instant.now()).toString();
    }

    private static String payment(String source, String amount, String paidOn, String voucher) {
        return "{\"source\":\"" + source + "\",\"amount\":" + amount + ",\"paidOn\":\"" + paidOn
                + "\",\"voucher\":\"" + voucher + "\"}";
    }

    private static String voucher() {
        return "津财指〔2021〕" + UUID.randomUUID().toString().substring(0, 8) + "号";
    }

    private Response payByCity(UUID id, String amount, String voucher) {
        return api.post("/api/applications/" + id + "/disbursements", "finance", "finance",
                payment("MUNICIPAL", amount, today(), voucher));
    }

    private Response payByDistrict(UUID id, String amount) {
        return api.post("/api/applications/" + id + "/disbursements", "district-xiqing", "district",
                payment("DISTRICT", amount, today(), voucher()));
    }

    private void assertRefused(Response response, int status, String code, UUID id, int eventsBefore) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(events.of(id)).hasSize(eventsBefore);
    }

    private static BigDecimal amount(JsonNode body, String field) {
        return body.path(field).decimalValue();
    }

    @Test
    void eachSourcePaysItsShareOfTheAwardAndTheTopUpToTheFen() {
        UUID id = api.awarded(FormJson.valid(), "MUNICIPAL");

        Response city = payByCity(id, "400000.00", voucher());
        assertThat(city.status()).as(city.raw()).isEqualTo(201);
        UUID disbursementId = UUID.fromString(city.body().path("disbursementId").asText());
        assertThat(city.location()).isEqualTo("/api/applications/" + id + "/disbursements/" + disbursementId);
        assertThat(city.body().path("source").asText()).isEqualTo("MUNICIPAL");
        assertThat(amount(city.body(), "amount")).isEqualByComparingTo("400000");
        assertThat(amount(city.body(), "paid")).isEqualByComparingTo("400000");
        assertThat(amount(city.body(), "outstanding")).isEqualByComparingTo("200000");

        Response district = payByDistrict(id, "600000");
        assertThat(district.status()).as(district.raw()).isEqualTo(201);
        assertThat(amount(district.body(), "outstanding")).isEqualByComparingTo("0");
        assertRefused(payByDistrict(id, "0.01"), 422, "DISBURSEMENT_EXCEEDS_COMMITMENT", id, 6);

        Response toppedUp = api.post("/api/applications/" + id + "/top-up", "manager", "manager", TOP_UP_2020);
        assertThat(toppedUp.status()).as(toppedUp.raw()).isEqualTo(200);
        Response rest = payByCity(id, "500000.00", voucher());
        assertThat(rest.status()).as(rest.raw()).isEqualTo(201);
        assertThat(amount(rest.body(), "paid")).isEqualByComparingTo("900000");
        assertThat(amount(rest.body(), "outstanding")).isEqualByComparingTo("0");
        assertRefused(payByCity(id, "0.01", voucher()), 422, "DISBURSEMENT_EXCEEDS_COMMITMENT", id, 8);

        Response reversed = api.post("/api/applications/" + id + "/disbursements/" + disbursementId + "/reversal",
                "finance", "finance", "{\"reason\":\"银行退票\"}");
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);
        assertThat(reversed.body().path("reversed").asBoolean()).isTrue();
        assertThat(amount(reversed.body(), "paid")).isEqualByComparingTo("500000");
        assertThat(amount(reversed.body(), "outstanding")).isEqualByComparingTo("400000");
        assertRefused(api.post("/api/applications/" + id + "/disbursements/" + disbursementId + "/reversal",
                "finance", "finance", "{\"reason\":\"again\"}"), 409, "INVALID_STATE", id, 9);

        List<String> types = events.of(id).stream().map(EventLog.StoredEvent::type).toList();
        assertThat(types).containsExactly("ApplicationSubmitted", "DistrictApproved", "ApplicationScored",
                "ApplicationAwarded", "DisbursementRecorded", "DisbursementRecorded", "AwardToppedUp",
                "DisbursementRecorded", "DisbursementReversed");
        assertThat(events.of(id).get(4).metaData().path("actor").asText()).isEqualTo("finance");
        assertThat(events.of(id).get(5).metaData().path("actor").asText()).isEqualTo("district-xiqing");
    }

    @Test
    void everyRefusalAnswersItsCodeInTheContractsOrderAndAppendsNothing() {
        UUID scored = api.scored(FormJson.valid());
        assertRefused(payByCity(scored, "1", voucher()), 409, "INVALID_STATE", scored, 3);

        UUID id = api.awarded(FormJson.valid(), "MUNICIPAL");
        String path = "/api/applications/" + id + "/disbursements";
        assertRefused(api.post(path, "district-xiqing", "district", payment("MUNICIPAL", "1", today(), voucher())),
                403, "FORBIDDEN", id, 4);
        assertRefused(api.post(path, "district-hexi", "district", payment("DISTRICT", "1", today(), voucher())),
                403, "FORBIDDEN", id, 4);
        assertRefused(api.post(path, "finance", "finance", payment("DISTRICT", "1", today(), voucher())),
                403, "FORBIDDEN", id, 4);
        assertRefused(api.post(path, "finance", "finance", payment("MUNICIPAL", "0", today(), voucher())),
                400, "INVALID_FIELD", id, 4);
        assertRefused(api.post(path, "finance", "finance", payment("MUNICIPAL", "1.001", today(), voucher())),
                400, "INVALID_FIELD", id, 4);
        assertRefused(api.post(path, "finance", "finance", payment("SOMEONE", "1", today(), voucher())),
                400, "INVALID_FIELD", id, 4);
        assertRefused(api.post(path, "finance", "finance", "{\"source\":\"MUNICIPAL\",\"amount\":1,\"paidOn\":\""
                + today() + "\"}"), 400, "INVALID_FIELD", id, 4);
        Response controlCharacter = api.post(path, "finance", "finance", payment("MUNICIPAL", "1", today(), "津财\\u0007指"));
        assertRefused(controlCharacter, 400, "INVALID_FIELD", id, 4);
        assertThat(controlCharacter.body().path("field").asText()).isEqualTo("/voucher");
        assertRefused(api.post(path, "finance", "finance", payment("MUNICIPAL", "1", today(), "号".repeat(1001))),
                400, "INVALID_FIELD", id, 4);
        assertRefused(api.post("/api/applications/" + UUID.randomUUID() + "/disbursements", "finance", "finance",
                payment("MUNICIPAL", "1", today(), voucher())), 404, "NOT_FOUND", id, 4);

        String tomorrow = LocalDate.parse(today()).plusDays(1).toString();
        String yesterday = LocalDate.parse(today()).minusDays(1).toString();
        assertRefused(api.post(path, "finance", "finance", payment("MUNICIPAL", "1", tomorrow, voucher())),
                422, "INVALID_PAYMENT_DATE", id, 4);
        assertRefused(api.post(path, "finance", "finance", payment("MUNICIPAL", "1", yesterday, voucher())),
                422, "INVALID_PAYMENT_DATE", id, 4);
        assertRefused(api.post(path, "finance", "finance", payment("MUNICIPAL", "600000.01", tomorrow, voucher())),
                422, "DISBURSEMENT_EXCEEDS_COMMITMENT", id, 4);

        String used = voucher();
        assertThat(payByCity(id, "1", used).status()).isEqualTo(201);
        UUID other = api.awarded(FormJson.valid(), "MUNICIPAL");
        assertRefused(payByCity(other, "600000.01", used), 409, "DUPLICATE_VOUCHER", other, 4);

        assertRefused(api.post(path + "/" + UUID.randomUUID() + "/reversal", "finance", "finance", "{\"reason\":\"x\"}"),
                404, "NOT_FOUND", id, 5);
        assertRefused(api.post(path + "/not-a-uuid/reversal", "finance", "finance", "{\"reason\":\"x\"}"),
                404, "NOT_FOUND", id, 5);
    }

    @Test
    void aRefusedPaymentReleasesItsVoucher() {
        UUID id = api.awarded(FormJson.valid(), "MUNICIPAL");
        String voucher = voucher();
        assertThat(payByCity(id, "600000.01", voucher).status()).isEqualTo(422);
        assertThat(payByCity(id, "600000", voucher).status()).isEqualTo(201);
    }

    @Test
    void twoPaymentsRacingForTheLastOutstandingYuanExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID id = api.awarded(FormJson.valid(), "MUNICIPAL");
            assertThat(payByCity(id, "599999", voucher()).status()).isEqualTo(201);
            List<Supplier<Response>> racers = List.of(() -> payByCity(id, "1", voucher()), () -> payByCity(id, "1", voucher()));
            List<Response> answers = Race.run(racers);
            assertThat(Race.count(answers, 201)).as(answers.toString()).isEqualTo(1);
            assertThat(Race.count(answers, 422, "DISBURSEMENT_EXCEEDS_COMMITMENT")).as(answers.toString()).isEqualTo(1);
            assertThat(events.of(id)).hasSize(6);
        }
    }

    @Test
    void oneVoucherRacingOnTwoApplicationsIsUsedOnce() throws Exception {
        UUID first = api.awarded(FormJson.valid(), "MUNICIPAL");
        UUID second = api.awarded(FormJson.valid(), "MUNICIPAL");
        String voucher = voucher();
        List<Response> answers = Race.run(List.of(() -> payByCity(first, "1000", voucher),
                () -> payByCity(second, "1000", voucher)));
        assertThat(Race.count(answers, 201)).as(answers.toString()).isEqualTo(1);
        assertThat(Race.count(answers, 409, "DUPLICATE_VOUCHER")).as(answers.toString()).isEqualTo(1);
        assertThat(events.of(first).size() + events.of(second).size()).isEqualTo(9);
    }
}
