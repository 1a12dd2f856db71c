package cn.tj.specialfund.command;

import cn.tj.specialfund.command.LedgerClient.Response;
import cn.tj.specialfund.coreapi.rules.ErrorCode;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §4: a problem's {@code detail} is Chinese unless the request's Accept-Language prefers English, and its
 * {@code code} (and {@code field}) never change with the language: a rule of the call (422), a conflict (409), an
 * invalid field (400), a missing login (401, answered by the security filter before MVC) and an unknown id (404).
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class ProblemLanguageIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static final Map<String, String> NO_PREFERENCE = Map.of();
    private static final Map<String, String> ENGLISH = Map.of("Accept-Language", "en");

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

    private LedgerClient api;

    @BeforeEach
    void setUp() {
        api = new LedgerClient(port);
    }

    @Test
    void aRuleOfTheCallNamesItsFiguresInEitherLanguage() {
        ObjectNode form = FormJson.valid();
        FormJson.fundingRow(form, 0).put("selfRaised", new BigDecimal("4200000")).put("specialFunds", new BigDecimal("1800000"));
        FormJson.expenditure(form, 0).put("specialFunds", new BigDecimal("1800000"));

        bothLanguages(headers -> submit(form, headers), 422, ErrorCode.REQUEST_EXCEEDS_CEILING, null,
                "申请专项资金 1,800,000.00 元超过市级示范项目上限 1,200,000.00 元",
                "special funds requested 1,800,000.00 exceed the MUNICIPAL ceiling of 1,200,000.00");
    }

    @Test
    void aConflictWithTheStateOfTheCall() {
        ObjectNode form = FormJson.valid();
        api.submitted(form);
        String creditCode = FormJson.applicant(form).path("creditCode").asText();

        bothLanguages(headers -> submit(form, headers), 409, ErrorCode.DUPLICATE_APPLICANT, null,
                "统一社会信用代码为 " + creditCode + " 的申报单位已在本次申报中提交过项目（每家单位限报一个项目）",
                "the applicant " + creditCode + " has already applied in this call");
    }

    @Test
    void anInvalidFieldKeepsItsPointer() {
        ObjectNode form = FormJson.valid();
        form.put("projectName", "MES\u0007ERP");

        bothLanguages(headers -> submit(form, headers), 400, ErrorCode.INVALID_FIELD, "/projectName",
                "/projectName 含有不允许的控制字符 U+0007（单行字段不允许任何控制字符）",
                "/projectName contains the control character U+0007 (a single-line field allows no control characters)");
    }

    @Test
    void aRequestWithoutLoginIsRefusedBeforeMvcInEitherLanguage() {
        bothLanguages(headers -> api.post("/api/applications", null, null, FormJson.valid().toString(), headers),
                401, ErrorCode.UNAUTHENTICATED, null, "请先登录（需要身份认证）", "authentication required");
    }

    @Test
    void anUnknownApplication() {
        UUID unknown = UUID.randomUUID();
        String award = "/api/applications/" + unknown + "/award";
        bothLanguages(headers -> api.post(award, "manager", "manager", "{\"tier\":\"MUNICIPAL\"}", headers),
                404, ErrorCode.NOT_FOUND, null, "申报项目 " + unknown + " 不存在", "no application " + unknown);
        bothLanguages(headers -> api.post("/api/nothing-here", "manager", "manager", "{}", headers),
                404, ErrorCode.NOT_FOUND, null, "请求的资源不存在", "no such resource");
    }

    @Test
    void qualityValuesDecide() {
        UUID unknown = UUID.randomUUID();
        String award = "/api/applications/" + unknown + "/award";
        Function<String, String> detailFor = header -> api.post(award, "manager", "manager",
                "{\"tier\":\"MUNICIPAL\"}", Map.of("Accept-Language", header)).body().path("detail").asText();

        assertThat(detailFor.apply("zh-CN,en;q=0.5")).isEqualTo("申报项目 " + unknown + " 不存在");
        assertThat(detailFor.apply("en;q=0.9,zh;q=0.8")).isEqualTo("no application " + unknown);
        assertThat(detailFor.apply("en-US")).isEqualTo("no application " + unknown);
        assertThat(detailFor.apply("fr-FR")).isEqualTo("申报项目 " + unknown + " 不存在");
    }

    private Response submit(ObjectNode form, Map<String, String> headers) {
        return api.post("/api/applications", "district-xiqing", "district", form.toString(), headers);
    }

    private static void bothLanguages(Function<Map<String, String>, Response> request, int status, ErrorCode code,
                                      String field, String chinese, String english) {
        Response inChinese = request.apply(NO_PREFERENCE);
        Response inEnglish = request.apply(ENGLISH);
        for (Response response : new Response[]{inChinese, inEnglish}) {
            assertThat(response.status()).as(response.raw()).isEqualTo(status);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo(code.name());
            assertThat(response.body().path("field").asText(null)).isEqualTo(field);
        }
        assertThat(inChinese.body().path("detail").asText()).isEqualTo(chinese);
        assertThat(inEnglish.body().path("detail").asText()).isEqualTo(english);
    }
}
