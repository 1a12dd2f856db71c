package cn.tj.specialfund.allinone.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser against the running system: the all-in-one process on a random port
 * and a fresh H2 database, a known call filed through the command API, and headless Chromium reading
 * every figure back off the page and comparing it, to the fen, with the query API and with the figures
 * worked out by hand. Screenshots go to {@code e2e.output} (the build folder).
 */
class DashboardE2E {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SHOWN_INSTANT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(BEIJING);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Map<String, String> STATUS = Map.of(
            "SUBMITTED", "已申报", "DISTRICT_APPROVED", "区级审核通过", "DISTRICT_REJECTED", "区级审核未通过",
            "SCORED", "已评审", "AWARDED", "已立项", "NOT_SELECTED", "未入选", "TOPPED_UP", "已补齐差额");
    private static final Map<String, String> TIER = Map.of("MUNICIPAL", "市级示范项目", "MIIT_PILOT", "工信部试点示范项目");

    private static ConfigurableApplicationContext system;
    private static Api api;
    private static String baseUrl;
    private static WebDriver browser;
    private static Path output;
    private static Path downloads;
    private static Instant filedFrom;
    /** Application id and credit code by the known call's key (A–H). */
    private static final Map<String, String> ids = new HashMap<>();
    private static final Map<String, String> creditCodes = new HashMap<>();

    @BeforeAll
    static void startSystemFileCallAndOpenBrowser() throws IOException {
        output = Path.of(System.getProperty("e2e.output", "target/e2e"));
        downloads = output.resolve("downloads");
        Files.createDirectories(downloads);
        try (var previous = Files.list(downloads)) {
            for (Path file : previous.toList()) {
                Files.delete(file);
            }
        }

        system = EmbeddedSystem.start("e2e",
                "--ledger.sample-call.enabled=false");
        int port = ((ServletWebServerApplicationContext) system).getWebServer().getPort();
        baseUrl = "http://127.0.0.1:" + port;
        api = new Api(baseUrl);

        filedFrom = Instant.now();
        fileKnownCall();
        waitForReadModels();

        ChromeDriver chromium = Chromium.open("zh-CN", "1440,900", downloads);
        Chromium.recordCspViolations(chromium);
        browser = chromium;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    private static void fileKnownCall() {
        KnownCall.file(api, ids, creditCodes);
    }

    /** The read models are eventually consistent: wait until every dashboard has taken in the whole call. */
    private static void waitForReadModels() {
        await("the read models to take in the known call", () -> {
            JsonNode totals = api.get("auditor", "/api/dashboard/directions").get("totals");
            JsonNode finance = api.get("auditor", "/api/finance/commitments");
            JsonNode caps = api.get("auditor", "/api/dashboard/caps").get("caps");
            JsonNode xiqing = district(api.get("auditor", "/api/dashboard/districts"), "XIQING");
            JsonNode dongli = district(api.get("auditor", "/api/dashboard/districts"), "DONGLI");
            return totals != null
                    && totals.get("submitted").asLong() == KnownCall.SUBMITTED
                    && totals.get("awarded").asLong() == KnownCall.AWARDED
                    && totals.get("notSelected").asLong() == 1
                    && totals.get("totalSupport").decimalValue().compareTo(KnownCall.TOTAL_SUPPORT) == 0
                    && finance.get("totalCommitted").decimalValue().compareTo(KnownCall.TOTAL_SUPPORT) == 0
                    && caps.get(0).get("candidates").size() == 1
                    && xiqing.get("pendingExposure").decimalValue().compareTo(KnownCall.XIQING_PENDING) == 0
                    && dongli.get("pendingExposure").decimalValue().compareTo(KnownCall.DONGLI_PENDING) == 0
                    && api.get("auditor", "/api/applications?size=50").get("total").asLong() == KnownCall.SUBMITTED;
        });
    }


    // ---------------------------------------------------------------------------------------------------

    @Test
    void overviewShowsTheFunnelTheSupportWithItsTopUpAndTheCapOfDirection11(TestInfo test) {
        loginAs("manager", "manager", test);
        openTab("overview");
        waitForRows("#directions-table tbody tr", 12);
        screenshot("02-overview");

        JsonNode body = api.get("manager", "/api/dashboard/directions");
        JsonNode totals = body.get("totals");
        assertThat(totals.get("submitted").asLong()).isEqualTo(KnownCall.SUBMITTED);
        assertThat(totals.get("districtApproved").asLong()).isEqualTo(KnownCall.DISTRICT_APPROVED);
        assertThat(totals.get("scored").asLong()).isEqualTo(KnownCall.SCORED);
        assertThat(totals.get("awarded").asLong()).isEqualTo(KnownCall.AWARDED);
        assertThat(totals.get("awardedAmount").decimalValue()).isEqualByComparingTo(KnownCall.AWARDED_AMOUNT);
        assertThat(totals.get("topUpAmount").decimalValue()).isEqualByComparingTo(KnownCall.TOP_UP_AMOUNT);
        assertThat(totals.get("totalSupport").decimalValue()).isEqualByComparingTo(KnownCall.TOTAL_SUPPORT);

        assertThat(text("[data-testid=kpi-submitted] [data-role=value]")).isEqualTo("8");
        assertThat(text("[data-testid=kpi-district-approved] [data-role=value]")).isEqualTo("6");
        assertThat(text("[data-testid=kpi-scored] [data-role=value]")).isEqualTo("5");
        assertThat(text("[data-testid=kpi-awarded] [data-role=value]")).isEqualTo("3");
        assertThat(text("[data-testid=total-support-yuan]")).isEqualTo("5,213,578.03").isEqualTo(money(totals.get("totalSupport")));
        assertThat(text("[data-testid=kpi-total-support] [data-role=value]")).isEqualTo("521.36");
        assertThat(text("[data-testid=top-up-yuan]")).isEqualTo("600,000.00").isEqualTo(money(totals.get("topUpAmount")));

        JsonNode reference = api.get("manager", "/api/reference");
        for (JsonNode direction : body.get("directions")) {
            String row = "#directions-table tbody tr[data-direction='" + direction.get("code").asText() + "'] ";
            assertThat(text(row + "td.name")).contains(nameOf(reference.get("directions"), direction.get("code").asText()));
            for (String count : List.of("submitted", "districtApproved", "scored", "awarded", "notSelected", "districtRejected")) {
                assertThat(text(row + "[data-field=" + count + "]")).as(direction.get("code") + " " + count)
                        .isEqualTo(direction.get(count).asText());
            }
            for (String amount : List.of("awardedAmount", "topUpAmount", "totalSupport")) {
                assertThat(text(row + "[data-field=" + amount + "]")).as(direction.get("code") + " " + amount)
                        .isEqualTo(money(direction.get(amount)));
            }
        }
        assertThat(text("#directions-table tbody tr[data-direction='1.1'] td.name")).contains("关键领域信息技术集成应用示范");
        assertThat(text("#directions-table tbody tr[data-direction='1.1'] [data-field=totalSupport]")).isEqualTo("1,800,000.00");
        assertThat(text("#directions-table tbody tr[data-direction='1.2'] [data-field=totalSupport]")).isEqualTo("913,578.03");
        assertThat(text("#directions-table tfoot [data-field=totalSupport]")).isEqualTo("5,213,578.03");

        JsonNode cap = api.get("manager", "/api/dashboard/caps").get("caps").get(0);
        assertThat(cap.get("direction").asText()).isEqualTo("1.1");
        assertThat(text("[data-cap='1.1'] [data-field=cap]")).isEqualTo("10").isEqualTo(cap.get("cap").asText());
        assertThat(text("[data-cap='1.1'] [data-field=awarded]")).isEqualTo("1").isEqualTo(cap.get("awarded").asText());
        assertThat(text("[data-cap='1.1'] [data-field=remaining]")).isEqualTo("9").isEqualTo(cap.get("remaining").asText());
        assertThat(browser.findElements(By.cssSelector("[data-cap='1.1'] .slot.used"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-cap='1.1'] .slot"))).hasSize(10);
        String candidate = "[data-cap='1.1'] tr[data-candidate='" + ids.get("D") + "'] ";
        assertThat(text(candidate + "td:nth-child(2)")).isEqualTo("西青关键工序信息化改造");
        assertThat(new BigDecimal(text(candidate + "td:nth-child(3)"))).isEqualByComparingTo("88.5");
    }

    @Test
    void thePageWorksUnderAStrictContentSecurityPolicyWithCacheableVersionedAssets(TestInfo test) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy.split("; ")).contains("default-src 'self'", "script-src 'self'", "style-src-elem 'self'",
                "style-src-attr 'unsafe-inline'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Content-Language")).contains("zh-CN");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.body()).doesNotContainPattern("<script>|<script(?![^>]*\\ssrc=)[^>]*>|\\son[a-z]+=");

        java.util.regex.Matcher echarts = java.util.regex.Pattern
                .compile("src=\"(/assets/[0-9a-f]{16}/vendor/echarts/echarts\\.min\\.js)\"").matcher(page.body());
        assertThat(echarts.find()).as("the page loads ECharts from a versioned URL").isTrue();
        HttpResponse<Void> asset = http.send(HttpRequest.newBuilder(URI.create(baseUrl + echarts.group(1))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control").orElse(""))
                .contains("max-age=31536000", "immutable").doesNotContain("no-store");
        HttpResponse<Void> apiAnswer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/reference"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(apiAnswer.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

        // the login form, the charts and their tooltips work under that policy, and nothing is refused
        loginAs("manager", "manager", test);
        openTab("overview");
        waitForRows("#directions-table tbody tr", 12);
        WebElement bars = browser.findElement(By.id("chart-directions"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", bars);
        new Actions(browser).moveToElement(bars, -bars.getSize().getWidth() / 2 + 80, 0).perform();
        String tooltip = wait(driver -> (String) ((JavascriptExecutor) driver).executeScript(
                "const tip = [...document.querySelectorAll('#chart-directions div')].find(d =>"
                        + " d.textContent.includes('合计') && getComputedStyle(d).position === 'absolute'"
                        + " && getComputedStyle(d).display !== 'none');"
                        + "return tip ? tip.textContent : null;"));
        assertThat(tooltip).contains("立项资金", "补齐差额", "合计");
        screenshot("06-tooltip-under-csp");
        assertThat((String) ((JavascriptExecutor) browser).executeScript("return getComputedStyle("
                + "document.querySelector('#directions-table td.stage')).getPropertyValue('--share')"))
                .as("the table's inline style attributes apply").endsWith("%");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) ((JavascriptExecutor) browser).executeScript("return window.__cspViolations");
        assertThat(violations).as("Content-Security-Policy violations").isEmpty();
    }

    @Test
    void districtsShowSupportMunicipalShareMatchingObligationAndPendingExposureSortedBySupport(TestInfo test) {
        loginAs("manager", "manager", test);
        openTab("districts");
        waitForRows("#districts-table tbody tr", 16);
        screenshot("03-districts");

        JsonNode districts = api.get("manager", "/api/dashboard/districts").get("districts");
        JsonNode reference = api.get("manager", "/api/reference");
        for (JsonNode district : districts) {
            String code = district.get("code").asText();
            String row = "#districts-table tbody tr[data-district='" + code + "'] ";
            assertThat(text(row + "td.name")).isEqualTo(nameOf(reference.get("districts"), code));
            assertThat(text(row + "[data-field=awardedProjects]")).isEqualTo(district.get("awardedProjects").asText());
            for (String amount : List.of("totalSupport", "municipalShare", "matchingObligation", "pendingExposure")) {
                assertThat(text(row + "[data-field=" + amount + "]")).as(code + " " + amount).isEqualTo(money(district.get(amount)));
            }
        }
        List<String> order = browser.findElements(By.cssSelector("#districts-table tbody tr")).stream()
                .map(row -> row.getAttribute("data-district")).toList();
        assertThat(order.subList(0, 3)).containsExactly("NANKAI", "XIQING", "BINHAI");

        String xiqing = "#districts-table tbody tr[data-district='XIQING'] ";
        assertThat(text(xiqing + "td.name")).isEqualTo("西青区");
        assertThat(text(xiqing + "[data-field=totalSupport]")).isEqualTo("1,800,000.00");
        assertThat(text(xiqing + "[data-field=municipalShare]")).isEqualTo("900,000.00");
        assertThat(text(xiqing + "[data-field=matchingObligation]")).isEqualTo("900,000.00");
        assertThat(text(xiqing + "[data-field=pendingExposure]")).isEqualTo("388,888.88");
        String binhai = "#districts-table tbody tr[data-district='BINHAI'] ";
        assertThat(text(binhai + "td.name")).isEqualTo("滨海新区");
        assertThat(text(binhai + "[data-field=municipalShare]")).isEqualTo("456,789.02");
        assertThat(text(binhai + "[data-field=matchingObligation]")).isEqualTo("456,789.01");
        assertThat(text("#districts-table tbody tr[data-district='DONGLI'] [data-field=pendingExposure]")).isEqualTo("300,000.00");
        assertThat(text("#districts-table tfoot [data-field=totalSupport]")).isEqualTo("5,213,578.03");
    }

    @Test
    void financeShowsTheCommitmentsAsOfAnyDayAndDownloadsTheLedgerAsCsv(TestInfo test) throws IOException {
        loginAs("finance", "finance", test);
        openTab("finance");
        waitForRows("#ledger-table tbody tr[data-entry]", 4);
        screenshot("04-finance");

        JsonNode now = api.get("finance", "/api/finance/commitments");
        assertThat(now.get("totalCommitted").decimalValue()).isEqualByComparingTo(KnownCall.TOTAL_SUPPORT);
        assertThat(now.get("municipal").decimalValue()).isEqualByComparingTo(KnownCall.MUNICIPAL);
        assertThat(now.get("district").decimalValue()).isEqualByComparingTo(KnownCall.DISTRICT);
        assertFinanceShows(now);
        assertThat(text("[data-testid=finance-total] [data-role=yuan]")).isEqualTo("5,213,578.03");
        assertThat(text("[data-testid=finance-municipal] [data-role=yuan]")).isEqualTo("2,606,789.02");
        assertThat(text("[data-testid=finance-district] [data-role=yuan]")).isEqualTo("2,606,789.01");

        // the day before anything was filed: nothing committed yet
        LocalDate before = filedFrom.atZone(BEIJING).toLocalDate().minusDays(1);
        pickFinanceDate(before);
        String asOf = before.plusDays(1).atStartOfDay(BEIJING).toInstant().minusMillis(1).toString();
        JsonNode then = api.get("finance", "/api/finance/commitments?asOf=" + encode(asOf));
        assertThat(then.get("totalCommitted").decimalValue()).isEqualByComparingTo("0");
        waitForText("[data-testid=finance-total] [data-role=yuan]", "0.00");
        assertFinanceShows(then);
        screenshot("05-finance-as-of");

        // today, the whole call
        pickFinanceDate(LocalDate.now(BEIJING));
        waitForText("[data-testid=finance-total] [data-role=yuan]", "5,213,578.03");
        browser.findElement(By.id("finance-now")).click();
        waitForText("#finance-as-of-label", "截至当前");

        browser.findElement(By.id("finance-csv")).click();
        Path csv = downloads.resolve("commitments-current.csv");
        await("the ledger CSV to download", () -> Files.exists(csv) && !Files.exists(downloads.resolve("commitments-current.csv.crdownload")));
        String expected = api.text("finance", "/api/finance/commitments", "text/csv");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(expected.lines().count()).isGreaterThan(now.get("entries").size());
    }

    @Test
    void auditorFindsAnApplicationAndFollowsItsTimelineAndItsStateAsOfAnEvent(TestInfo test) {
        loginAs("auditor", "auditor", test);
        openTab("auditor");
        String id = ids.get("A");

        search(creditCodes.get("A"));
        waitForRows("#timeline li[data-sequence]", 5);
        JsonNode current = api.get("auditor", "/api/applications/" + id);
        assertThat(current.get("status").asText()).isEqualTo("TOPPED_UP");
        assertThat(current.get("totalSupport").decimalValue()).isEqualByComparingTo("1800000.00");
        assertStateShows("current", current);

        JsonNode events = api.get("auditor", "/api/applications/" + id + "/history").get("events");
        assertThat(events).hasSize(5);
        List<WebElement> shown = browser.findElements(By.cssSelector("#timeline li[data-sequence]"));
        assertThat(shown).hasSize(events.size());
        List<String> types = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            WebElement item = shown.get(i);
            types.add(item.getAttribute("data-type"));
            assertThat(item.getAttribute("data-type")).isEqualTo(event.get("type").asText());
            assertThat(item.findElement(By.cssSelector("[data-field=actor]")).getText()).isEqualTo(event.get("actor").asText());
            assertThat(item.findElement(By.tagName("time")).getText())
                    .isEqualTo(SHOWN_INSTANT.format(Instant.parse(event.get("timestamp").asText())));
        }
        assertThat(types).containsExactly("ApplicationSubmitted", "DistrictApproved", "ApplicationScored",
                "ApplicationAwarded", "AwardToppedUp");
        assertThat(shown.get(0).findElement(By.cssSelector("[data-field=actor]")).getText()).isEqualTo("district-xiqing");
        assertThat(shown.get(3).findElement(By.cssSelector("[data-field=actor]")).getText()).isEqualTo("manager");
        assertThat(shown.get(3).getText()).contains("1,200,000.00");
        assertThat(shown.get(4).getText()).contains("600,000.00");
        screenshot("06-auditor-timeline");

        // the state as it stood when the award was made: awarded, not yet topped up
        String awardedAt = events.get(3).get("timestamp").asText();
        shown.get(3).findElement(By.cssSelector("[data-as-of]")).click();
        waitForText("[data-testid=state-as-of] [data-field=status]", STATUS.get("AWARDED"));
        JsonNode asOf = api.get("auditor", "/api/applications/" + id + "/as-of?at=" + encode(awardedAt));
        assertThat(asOf.get("status").asText()).isEqualTo("AWARDED");
        assertThat(asOf.get("awardedAmount").decimalValue()).isEqualByComparingTo("1200000.00");
        assertThat(asOf.get("topUpAmount").decimalValue()).isEqualByComparingTo("0");
        assertStateShows("as-of", asOf);
        screenshot("07-auditor-as-of");

        // by name and by id as well
        search("南开工业互联网");
        waitForText("[data-testid=state-current] [data-field=id]", ids.get("C"));
        assertStateShows("current", api.get("auditor", "/api/applications/" + ids.get("C")));
        search(ids.get("B"));
        waitForText("[data-testid=state-current] [data-field=id]", ids.get("B"));
        assertThat(text("[data-testid=state-current] [data-field=municipalShare]")).isEqualTo("456,789.02");
        assertThat(text("[data-testid=state-current] [data-field=districtShare]")).isEqualTo("456,789.01");
    }

    // ---------------------------------------------------------------------------------------------------

    private void assertFinanceShows(JsonNode body) {
        assertThat(text("[data-testid=finance-total] [data-role=yuan]")).isEqualTo(money(body.get("totalCommitted")));
        assertThat(text("[data-testid=finance-municipal] [data-role=yuan]")).isEqualTo(money(body.get("municipal")));
        assertThat(text("[data-testid=finance-district] [data-role=yuan]")).isEqualTo(money(body.get("district")));
        for (String tier : List.of("MUNICIPAL", "MIIT_PILOT")) {
            JsonNode figure = body.get("byTier").get(tier);
            JsonNode amount = figure.isObject() ? figure.get("amount") : figure;
            assertThat(text("#tier-table tr[data-tier=" + tier + "] td:first-child")).isEqualTo(TIER.get(tier));
            assertThat(text("#tier-table tr[data-tier=" + tier + "] [data-field=amount]")).as(tier).isEqualTo(money(amount));
        }
        for (JsonNode district : body.get("byDistrict")) {
            String row = "#finance-districts-table tr[data-district='" + district.get("code").asText() + "'] ";
            for (String amount : List.of("amount", "municipal", "district")) {
                assertThat(text(row + "[data-field=" + amount + "]")).as(district.get("code") + " " + amount)
                        .isEqualTo(money(district.get(amount)));
            }
        }
        JsonNode entries = body.get("entries");
        List<WebElement> rows = browser.findElements(By.cssSelector("#ledger-table tbody tr[data-entry]"));
        assertThat(rows).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-application")).isEqualTo(entry.get("applicationId").asText());
            for (String amount : List.of("amount", "municipalShare", "districtShare")) {
                assertThat(row.findElement(By.cssSelector("[data-field=" + amount + "]")).getText())
                        .isEqualTo(money(entry.get(amount)));
            }
        }
    }

    private void assertStateShows(String which, JsonNode application) {
        String state = "[data-testid=state-" + which + "] ";
        assertThat(text(state + "[data-field=id]")).isEqualTo(application.get("id").asText());
        assertThat(text(state + "[data-field=creditCode]")).isEqualTo(application.get("creditCode").asText());
        assertThat(text(state + "[data-field=projectName]")).isEqualTo(application.get("projectName").asText());
        assertThat(text(state + "[data-field=status]")).isEqualTo(STATUS.get(application.get("status").asText()));
        JsonNode tier = application.get("tier");
        assertThat(text(state + "[data-field=tier]")).isEqualTo(tier == null || tier.isNull() ? "—" : TIER.get(tier.asText()));
        for (String amount : List.of("eligibleInvestment", "requestedSpecialFunds", "awardedAmount", "topUpAmount",
                "totalSupport", "municipalShare", "districtShare")) {
            assertThat(text(state + "[data-field=" + amount + "]")).as(which + " " + amount).isEqualTo(money(application.get(amount)));
        }
    }

    private void loginAs(String user, String password, TestInfo test) {
        browser.get(baseUrl + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(baseUrl + "/");
        WebElement name = wait(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        if (test.getTestMethod().map(m -> m.getName().startsWith("overview")).orElse(false)) {
            screenshot("01-login");
        }
        name.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
        assertThat(text("#user")).isEqualTo(user);
    }

    private void openTab(String view) {
        browser.findElement(By.cssSelector("#tabs button[data-view=" + view + "]")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view)));
    }

    private void search(String query) {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        WebElement input = browser.findElement(By.id("search-input"));
        input.clear();
        input.sendKeys(query);
        browser.findElement(By.id("search-submit")).click();
    }

    /** Sets the date picker as a person would with the calendar, and lets the page react to the change. */
    private void pickFinanceDate(LocalDate date) {
        ((JavascriptExecutor) browser).executeScript(
                "const input = document.getElementById('finance-as-of');"
                        + "input.value = arguments[0];"
                        + "input.dispatchEvent(new Event('change', {bubbles: true}));", date.toString());
    }

    private void waitForRows(String css, int atLeast) {
        wait(driver -> driver.findElements(By.cssSelector(css)).size() >= atLeast);
    }

    private void waitForText(String css, String expected) {
        wait(driver -> driver.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().equals(expected)));
    }

    private String text(String css) {
        return wait(driver -> driver.findElement(By.cssSelector(css)).getText().trim());
    }

    /** Waits for a condition; the page redraws as it polls, so an element may go stale while being read. */
    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        Chromium.screenshot(browser, output, name);
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (AssertionError | RuntimeException e) {
                last = e instanceof AssertionError a ? a : new AssertionError(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    private static JsonNode district(JsonNode body, String code) {
        for (JsonNode district : body.get("districts")) {
            if (district.get("code").asText().equals(code)) {
                return district;
            }
        }
        throw new AssertionError("no district " + code);
    }

    private static String nameOf(JsonNode list, String code) {
        for (JsonNode item : list) {
            if (item.get("code").asText().equals(code)) {
                return item.get("name").asText();
            }
        }
        throw new AssertionError("reference has no " + code);
    }

    /** An amount as the page must show it: yuan, thousands separators, both fen digits, nothing rounded. */
    static String money(JsonNode amount) {
        return money(amount.decimalValue());
    }

    static String money(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(amount.setScale(2, RoundingMode.UNNECESSARY));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
