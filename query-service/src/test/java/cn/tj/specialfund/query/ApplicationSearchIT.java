package cn.tj.specialfund.query;

import cn.tj.specialfund.coreapi.value.ApplicationForm;
import cn.tj.specialfund.coreapi.value.Direction;
import cn.tj.specialfund.coreapi.value.District;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.testsupport.IsolatedDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search and paging of {@code GET /api/applications} (contract §4): {@code q} over names (substring, any case, its
 * wildcards taken literally), credit-code and id prefixes and district names, the submission-time range, pages
 * past the first, and a district officer's search kept to their district, every total counting the same rows.
 */
class ApplicationSearchIT {

    private static final IsolatedDatabase DATABASE = IsolatedDatabase.create();
    private static QueryService service;
    private static ApplicationForm hexi;
    private static UUID xiqingId;
    private static UUID hexiId;
    private static final int FILLERS = 60;

    @BeforeAll
    static void start() {
        service = QueryService.start(DATABASE);
        Ledger ledger = new Ledger();
        xiqingId = ledger.submit(Ledger.form("西青区汽车零部件数字孪生车间", Direction.D1_2, District.XIQING, "6000000", "0",
                "1200000", false), "6000000", "1200000", Tier.MUNICIPAL);
        hexi = Ledger.form("Hexi 100% Cloud_Platform", Direction.D2_3, District.HEXI, "6000000", "0", "1200000", false);
        hexiId = ledger.submit(hexi, "6000000", "1200000", Tier.MUNICIPAL);
        ledger.submit(Ledger.form("滨海新区与南开区合作工业互联网平台", Direction.D2_1, District.BINHAI, "6000000", "0", "1200000", false),
                "6000000", "1200000", Tier.MUNICIPAL);
        for (int i = 0; i < FILLERS; i++) {
            ledger.submit(Ledger.form("Filler " + i, Direction.D1_4, District.NANKAI, "6000000", "0", "1200000", false),
                    "6000000", "1200000", Tier.MUNICIPAL);
        }
        service.appender(DATABASE).append(ledger.written());
        service.await("auditor", "/api/applications?size=1", body -> body.path("total").asLong() == FILLERS + 3);
    }

    @AfterAll
    static void stop() {
        service.close();
        DATABASE.drop();
    }

    private static JsonNode search(String user, String query) {
        QueryService.Response response = service.get(user, "/api/applications?" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void qFindsNamesByAnyPartInAnyCaseWithItsWildcardsTakenLiterally() {
        assertThat(ids(search("auditor", q("数字孪生")))).containsExactly(xiqingId.toString());
        assertThat(ids(search("auditor", q("车间")))).containsExactly(xiqingId.toString());
        assertThat(ids(search("auditor", q("孪")))).containsExactly(xiqingId.toString());
        // each pair of 汽车间 is in the name (汽车, 车间), the text is not: the index proposes, LIKE decides
        assertThat(search("auditor", q("汽车间")).path("total").asLong()).isZero();
        assertThat(ids(search("auditor", q("hexi 100% cloud")))).containsExactly(hexiId.toString());
        assertThat(ids(search("auditor", q("0%")))).containsExactly(hexiId.toString());
        assertThat(ids(search("auditor", q("_")))).containsExactly(hexiId.toString());
        assertThat(search("auditor", q("co., ltd")).path("total").asLong()).isEqualTo(FILLERS + 3);
        assertThat(search("auditor", q("no such project")).path("total").asLong()).isZero();
    }

    @Test
    void qFindsADistrictByItsChineseNameOrCode() {
        assertThat(ids(search("auditor", q("西青")))).containsExactly(xiqingId.toString());
        assertThat(ids(search("auditor", q("xiqing")))).containsExactly(xiqingId.toString());
        // NANKAI's applications, and a BINHAI project whose name says 南开区: the district's are counted ahead,
        // the others row by row
        assertThat(search("auditor", q("南开区")).path("total").asLong()).isEqualTo(FILLERS + 1);
        assertThat(search("auditor", q("南开区") + "&direction=1.4").path("total").asLong()).isEqualTo(FILLERS);
        assertThat(search("auditor", q("南开区") + "&direction=2.1").path("total").asLong()).isEqualTo(1);
        assertThat(search("auditor", q("南开区") + "&district=BINHAI&size=1").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void qFindsACreditCodeOrAnIdByItsPrefix() {
        String code = hexi.applicant().creditCode().value();
        assertThat(ids(search("auditor", q(code.substring(0, 16))))).containsExactly(hexiId.toString());
        assertThat(ids(search("auditor", q(code)))).containsExactly(hexiId.toString());
        assertThat(ids(search("auditor", q(hexiId.toString().substring(0, 13).toUpperCase())))).containsExactly(hexiId.toString());
    }

    @Test
    void pagesGoPastFiftyAndTheTotalCountsEveryMatch() {
        JsonNode second = search("auditor", q("filler") + "&size=50&page=1");
        assertThat(second.path("total").asLong()).isEqualTo(FILLERS);
        assertThat(second.path("items")).hasSize(FILLERS - 50);
        assertThat(second.path("items").get(0).path("projectName").asText()).isEqualTo("Filler 50");
        JsonNode beyond = search("auditor", q("filler") + "&size=50&page=2");
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(FILLERS);
    }

    @Test
    void theSubmissionRangeIncludesItsEnds() {
        Instant at = Instant.parse(service.get("auditor", "/api/applications/" + hexiId).json().path("submittedAt").asText());
        JsonNode exactly = search("auditor", "submittedFrom=" + at + "&submittedTo=" + at);
        assertThat(ids(exactly)).containsExactly(hexiId.toString());
        JsonNode from = search("auditor", "submittedFrom=" + at + "&" + q("数字孪生"));
        assertThat(from.path("total").asLong()).isZero();
        JsonNode until = search("auditor", "submittedTo=" + at);
        assertThat(ids(until)).containsExactly(xiqingId.toString(), hexiId.toString());
    }

    @Test
    void aDistrictOfficerSearchesOnlyTheirDistrict() {
        assertThat(search("district-hexi", q("西青")).path("total").asLong()).isZero();
        assertThat(ids(search("district-hexi", q("cloud")))).containsExactly(hexiId.toString());
        assertThat(search("district-nankai", q("co., ltd")).path("total").asLong()).isEqualTo(FILLERS);
    }

    @Test
    void aSearchTextOrRangeTheListCannotTakeIsRefusedNamingIt() {
        QueryService.Response tooLong = service.get("auditor", "/api/applications?" + q("长".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("field").asText()).isEqualTo("q");
        QueryService.Response control = service.get("auditor", "/api/applications?q=%07");
        assertThat(control.status()).isEqualTo(400);
        QueryService.Response noOffset = service.get("auditor", "/api/applications?submittedFrom=2020-09-01T00:00:00");
        assertThat(noOffset.status()).isEqualTo(400);
        assertThat(noOffset.json().path("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(noOffset.json().path("field").asText()).isEqualTo("submittedFrom");
    }
}
