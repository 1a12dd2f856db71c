package cn.tj.specialfund.allinone.dashboard;

import cn.tj.specialfund.coreapi.AwardApplication;
import cn.tj.specialfund.coreapi.HistoricalImport;
import cn.tj.specialfund.coreapi.SubmitApplication;
import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Tier;
import cn.tj.specialfund.sample.SampleCall;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static cn.tj.specialfund.allinone.dashboard.DashboardE2E.money;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments (§8) recorded and read in the browser: finance records the city's share through the form and sees
 * paid and outstanding move to the fen and the ledger line; a district officer records the district's share;
 * the form's own checks and the server's refusals are shown in Chinese and record nothing; and the overdue list
 * names a district whose matching funds are late, with the amount and the days. Besides the known call, one
 * application of the sample call is imported with its calendar moved back (awarded 120 days ago), so that its
 * district's share is overdue today.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentsDashboardE2E {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SHOWN_INSTANT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(BEIJING);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ProgramRules RULES = ProgramRules.CALL_2020;
    private static final String CITY_VOUCHER = "津财指〔2026〕101号";
    private static final String DISBURSEMENTS = "/api/finance/disbursements";

    private static ConfigurableApplicationContext system;
    private static Api api;
    private static String baseUrl;
    private static WebDriver browser;
    private static Path output;
    private static final Map<String, String> ids = new HashMap<>();
    private static final Map<String, String> creditCodes = new HashMap<>();
    /** The sample call's application imported as awarded 120 days ago, as the read side shows it. */
    private static JsonNode lagging;
    private static Instant laggingAwardedAt;

    @BeforeAll
    static void startSystemFileCallsAndOpenBrowser() throws IOException {
        output = Path.of(System.getProperty("e2e.output", "target/e2e")).resolve("payments");
        Files.createDirectories(output);
        try (var previous = Files.list(output)) {
            for (Path file : previous.toList()) {
                Files.delete(file);
            }
        }
        system = EmbeddedSystem.start("e2e",
                "--ledger.sample-call.enabled=false");
        baseUrl = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) system).getWebServer().getPort();
        api = new Api(baseUrl);
        KnownCall.file(api, ids, creditCodes);
        String laggingId = importAwardedLongAgo();
        await("the read models to take in both calls", () -> {
            JsonNode body = api.get("auditor", DISBURSEMENTS);
            lagging = api.get("auditor", "/api/applications/" + laggingId);
            return "AWARDED".equals(lagging.get("status").asText())
                    && body.get("committed").decimalValue().compareTo(KnownCall.TOTAL_SUPPORT
                    .add(lagging.get("totalSupport").decimalValue())) == 0;
        });
        org.openqa.selenium.chrome.ChromeDriver chromium = Chromium.open("zh-CN", "1440,900", output);
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

    /**
     * One municipal award of the sample call, outside the known call's districts, imported as a historical import
     * does (each command names the instant its event took place): submitted, reviewed and scored in the days
     * before, awarded 120 days ago. Returns its id.
     */
    private static String importAwardedLongAgo() {
        Set<String> knownDistricts = Set.of("XIQING", "BINHAI", "NANKAI", "HEPING", "DONGLI");
        List<SampleCall.Step> steps = SampleCall.generate(SampleCall.DEFAULT_SEED, SampleCall.MINIMUM_COUNT).lifecycleSteps();
        Map<UUID, String> districts = new HashMap<>();
        steps.forEach(step -> {
            if (step.command() instanceof SubmitApplication submit) {
                districts.put(step.applicationId(), submit.form().applicant().district().name());
            }
        });
        SampleCall.Step award = steps.stream()
                .filter(step -> step.command() instanceof AwardApplication a && a.tier() == Tier.MUNICIPAL)
                .filter(step -> !knownDistricts.contains(districts.get(step.applicationId())))
                .findFirst().orElseThrow();
        List<SampleCall.Step> lifecycle = steps.stream()
                .filter(step -> step.applicationId().equals(award.applicationId()) && step.sequence() <= award.sequence())
                .toList();
        laggingAwardedAt = Instant.now().minus(Duration.ofDays(120)).truncatedTo(ChronoUnit.SECONDS);
        CommandGateway commands = system.getBean(CommandGateway.class);
        for (SampleCall.Step step : lifecycle) {
            Instant at = laggingAwardedAt.minus(Duration.ofDays(award.sequence() - step.sequence()));
            Map<String, Object> metaData = new LinkedHashMap<>(step.actor().asMetaData());
            metaData.put("correlationId", "payments-e2e-" + step.applicationId() + "-" + step.sequence());
            metaData.put(HistoricalImport.OCCURRED_AT, at.toString());
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(step.command()).andMetaData(MetaData.from(metaData)));
        }
        return award.applicationId().toString();
    }

    // ---------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void financeRecordsTheCitysPaymentAndSeesPaidAndOutstandingChangeToTheFen() {
        loginAs("finance");
        openTab("finance");
        BigDecimal cityCommitted = KnownCall.MUNICIPAL.add(lagging.get("municipalShare").decimalValue());
        BigDecimal allCommitted = KnownCall.TOTAL_SUPPORT.add(lagging.get("totalSupport").decimalValue());
        String sources = "[data-testid=disbursement-sources] ";
        waitForText(sources + "tr[data-source=MUNICIPAL] [data-field=committed]", money(cityCommitted));
        assertThat(text(sources + "tr[data-source=MUNICIPAL] [data-field=paid]")).isEqualTo("0.00");
        assertThat(text(sources + "tr[data-source=TOTAL] [data-field=outstanding]")).isEqualTo(money(allCommitted));
        assertThat(text("#payments-table tbody")).isEqualTo("暂无拨付记录");

        // B: the city's share 456,789.02, nothing paid yet
        String form = "#payment-municipal-form ";
        pick("municipal", ids.get("B"));
        waitForText("#payment-municipal-outstanding",
                "市级资金：承诺 456,789.02 元，已拨付 0.00 元，尚未拨付 456,789.02 元");
        fill("municipal", "100000.01", today().toString(), CITY_VOUCHER);
        screenshot("01-finance-form");
        browser.findElement(By.id("payment-municipal-submit")).click();
        waitForText("#payment-municipal-result", "已记录：滨海新一代信息技术创新应用，市级资金 100,000.01 元；"
                + "该项目市级资金已拨付 100,000.01 元，尚未拨付 356,789.01 元");
        assertThat(text(form + ".error")).isEmpty();

        waitForText(sources + "tr[data-source=MUNICIPAL] [data-field=paid]", "100,000.01");
        assertThat(text(sources + "tr[data-source=MUNICIPAL] [data-field=committed]")).isEqualTo(money(cityCommitted));
        assertThat(text(sources + "tr[data-source=MUNICIPAL] [data-field=outstanding]"))
                .isEqualTo(money(cityCommitted.subtract(new BigDecimal("100000.01"))));
        assertThat(text(sources + "tr[data-source=DISTRICT] [data-field=paid]")).isEqualTo("0.00");
        assertThat(text(sources + "tr[data-source=TOTAL] [data-field=paid]")).isEqualTo("100,000.01");
        assertThat(text(sources + "tr[data-source=TOTAL] [data-field=outstanding]"))
                .isEqualTo(money(allCommitted.subtract(new BigDecimal("100000.01"))));

        JsonNode body = api.get("finance", DISBURSEMENTS);
        assertThat(body.get("entryCount").asLong()).isEqualTo(1);
        JsonNode entry = body.get("entries").get(0);
        assertThat(body.get("municipal").get("paid").decimalValue()).isEqualByComparingTo("100000.01");
        assertThat(body.get("municipal").get("outstanding").decimalValue())
                .isEqualByComparingTo(cityCommitted.subtract(new BigDecimal("100000.01")));
        String row = "#payments-table tr[data-disbursement='" + entry.get("disbursementId").asText() + "'] ";
        waitForText(row + "[data-field=voucher]", CITY_VOUCHER);
        assertThat(text(row + "[data-field=projectName]")).isEqualTo("滨海新一代信息技术创新应用");
        assertThat(text(row + "[data-field=source]")).isEqualTo("市级资金");
        assertThat(text(row + "[data-field=amount]")).isEqualTo("100,000.01");
        assertThat(text(row + "[data-field=paidOn]")).isEqualTo(today().toString());
        assertThat(text(row + "[data-field=reversed]")).isEqualTo("已拨付");
        assertThat(text(row + "[data-field=at]")).isEqualTo(SHOWN_INSTANT.format(Instant.parse(entry.get("at").asText())));
        // the picker now offers what is left of B's share
        waitForText("#payment-municipal-outstanding",
                "市级资金：承诺 456,789.02 元，已拨付 100,000.01 元，尚未拨付 356,789.01 元");
        screenshot("02-finance-recorded");
    }

    @Test
    @Order(2)
    void theFormsChecksAndTheServersRefusalsAreShownInChineseAndRecordNothing() {
        loginAs("finance");
        openTab("finance");
        pick("municipal", ids.get("B"));
        waitForText("#payment-municipal-outstanding",
                "市级资金：承诺 456,789.02 元，已拨付 100,000.01 元，尚未拨付 356,789.01 元");
        long entries = api.get("finance", DISBURSEMENTS).get("entryCount").asLong();

        Map<List<String>, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put(List.of("", today().toString(), "凭证甲"), Map.of("amount", "请输入拨付金额"));
        cases.put(List.of("0", today().toString(), "凭证甲"), Map.of("amount", "拨付金额必须大于 0"));
        cases.put(List.of("-5", today().toString(), "凭证甲"), Map.of("amount", "金额应为数字（单位：元）"));
        cases.put(List.of("1.234", today().toString(), "凭证甲"), Map.of("amount", "金额最多保留两位小数（到分）"));
        cases.put(List.of("356789.02", today().toString(), "凭证甲"),
                Map.of("amount", "拨付金额不能超过尚未拨付的 356,789.01 元"));
        cases.put(List.of("1.00", today().plusDays(1).toString(), "凭证甲"),
                Map.of("paidOn", "拨付日期不能晚于今日（北京时间 " + today() + "）"));
        cases.put(List.of("1.00", "2026-13-45", "凭证甲"), Map.of("paidOn", "请按“年-月-日”填写拨付日期，例如 2021-01-15"));
        cases.put(List.of("1.00", "", ""), Map.of("paidOn", "请填写拨付日期", "voucher", "请输入拨付凭证号"));
        for (Map.Entry<List<String>, Map<String, String>> c : cases.entrySet()) {
            fill("municipal", c.getKey().get(0), c.getKey().get(1), c.getKey().get(2));
            browser.findElement(By.id("payment-municipal-submit")).click();
            for (String field : List.of("amount", "paidOn", "voucher")) {
                String css = "#payment-municipal-form [data-error-for=" + field + "]";
                waitForText(css, c.getValue().getOrDefault(field, ""));
            }
        }
        screenshot("03-form-checks");

        // the server's refusals, in its own words: a voucher used before, a date before the award
        fill("municipal", "1.00", today().toString(), CITY_VOUCHER);
        browser.findElement(By.id("payment-municipal-submit")).click();
        waitForText("#payment-municipal-error", "未能记录：拨付凭证号 " + CITY_VOUCHER + " 已在本次申报中使用过");
        assertThat(browser.findElement(By.id("payment-municipal-error")).getAttribute("data-code")).isEqualTo("DUPLICATE_VOUCHER");
        fill("municipal", "1.00", today().minusDays(1).toString(), "津财指〔2026〕102号");
        browser.findElement(By.id("payment-municipal-submit")).click();
        waitForText("#payment-municipal-error", "未能记录：拨付日期 " + today().minusDays(1) + " 早于立项日期 " + today());
        assertThat(browser.findElement(By.id("payment-municipal-error")).getAttribute("data-code")).isEqualTo("INVALID_PAYMENT_DATE");
        assertThat(text("#payment-municipal-result")).isEmpty();
        screenshot("04-server-refusal");
        assertThat(api.get("finance", DISBURSEMENTS).get("entryCount").asLong()).isEqualTo(entries);
    }

    @Test
    @Order(3)
    void aDistrictOfficerRecordsTheDistrictsShareAndTheDistrictsViewShowsMatchingPaidAgainstCommitted() {
        loginAs("district-xiqing");
        openTab("districts");
        // the officer's picker offers their district's awarded applications only: A (topped up)
        wait(driver -> new Select(driver.findElement(By.id("payment-district-application"))).getOptions().size() == 2);
        pick("district", ids.get("A"));
        waitForText("#payment-district-outstanding", "区级配套：承诺 900,000.00 元，已拨付 0.00 元，尚未拨付 900,000.00 元");
        fill("district", "300000", today().toString(), "西青财〔2026〕8号");
        browser.findElement(By.id("payment-district-submit")).click();
        waitForText("#payment-district-result", "已记录：西青智能工厂集成应用，区级配套 300,000.00 元；"
                + "该项目区级配套已拨付 300,000.00 元，尚未拨付 600,000.00 元");

        String xiqing = "#matching-table tr[data-district=XIQING] ";
        waitForText(xiqing + "[data-field=matchingPaid]", "300,000.00");
        assertThat(text(xiqing + "td.name")).isEqualTo("西青区");
        assertThat(text(xiqing + "[data-field=matchingCommitted]")).isEqualTo("900,000.00");
        assertThat(text(xiqing + "[data-field=matchingOutstanding]")).isEqualTo("600,000.00");
        assertThat(text(xiqing + "[data-field=overdue]")).isEqualTo("0.00");
        assertThat(text(xiqing + "[data-field=share]")).isEqualTo("33.33%");
        JsonNode row = district(api.get("district-xiqing", DISBURSEMENTS), "XIQING");
        assertThat(row.get("matchingPaid").decimalValue()).isEqualByComparingTo("300000");
        assertThat(row.get("matchingCommitted").decimalValue()).isEqualByComparingTo("900000");
        screenshot("05-district-recorded");

        // the city's ledger shows the district's payment beside the city's
        loginAs("auditor");
        openTab("finance");
        JsonNode entry = api.get("auditor", DISBURSEMENTS).get("entries").get(1);
        String line = "#payments-table tr[data-disbursement='" + entry.get("disbursementId").asText() + "'] ";
        waitForText(line + "[data-field=voucher]", "西青财〔2026〕8号");
        assertThat(text(line + "[data-field=source]")).isEqualTo("区级配套");
        assertThat(text(line + "[data-field=amount]")).isEqualTo("300,000.00");
        waitForText("[data-testid=disbursement-sources] tr[data-source=DISTRICT] [data-field=paid]", "300,000.00");
    }

    @Test
    @Order(4)
    void theOverdueListShowsTheDistrictWhoseMatchingFundsAreLateWithTheAmountAndTheDays() {
        loginAs("auditor");
        openTab("finance");
        String code = lagging.get("district").asText();
        BigDecimal share = lagging.get("districtShare").decimalValue();
        LocalDate dueBy = RULES.matchingFundsDueBy(RULES.callDate(laggingAwardedAt));
        long days = ChronoUnit.DAYS.between(dueBy, today());

        JsonNode row = district(api.get("auditor", DISBURSEMENTS), code);
        assertThat(row.get("overdue").decimalValue()).isEqualByComparingTo(share);
        assertThat(row.get("oldestOverdueDueBy").asText()).isEqualTo(dueBy.toString());
        assertThat(row.get("daysOverdue").asLong()).isEqualTo(days).isBetween(29L, 31L);

        String shown = "#overdue-table tr[data-district='" + code + "'] ";
        waitForText(shown + "[data-field=overdue]", money(share));
        assertThat(browser.findElements(By.cssSelector("#overdue-table tbody tr[data-district]"))).hasSize(1);
        assertThat(text(shown + "td.name")).isEqualTo(districtName(code));
        assertThat(text(shown + "[data-field=matchingCommitted]")).isEqualTo(money(share));
        assertThat(text(shown + "[data-field=matchingPaid]")).isEqualTo("0.00");
        assertThat(text(shown + "[data-field=oldestOverdueDueBy]")).isEqualTo(dueBy.toString());
        assertThat(text(shown + "[data-field=daysOverdue]")).isEqualTo(String.valueOf(days));
        assertThat(text("#overdue-summary")).isEqualTo("1 个区的配套资金逾期未到位，合计 " + money(share) + " 元");
        screenshot("06-overdue");

        openTab("districts");
        String matching = "#matching-table tr[data-district='" + code + "'] ";
        waitForText(matching + "[data-field=overdue]", money(share));
        assertThat(text(matching + "[data-field=daysOverdue]")).isEqualTo(String.valueOf(days));
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.__cspViolations || []");
        assertThat(violations).as("Content-Security-Policy violations").isEmpty();
    }

    @Test
    @Order(5)
    void financeReversesThePaymentWithAReasonAndItCountsAsUnpaidAgain() {
        loginAs("finance");
        openTab("finance");
        JsonNode entry = api.get("finance", DISBURSEMENTS).get("entries").get(0);
        assertThat(entry.get("voucher").asText()).isEqualTo(CITY_VOUCHER);
        String row = "#payments-table tr[data-disbursement='" + entry.get("disbursementId").asText() + "'] ";
        waitForText(row + "[data-field=reversed]", "已拨付");
        WebElement button = browser.findElement(By.cssSelector(row + "button[data-reverse]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        org.openqa.selenium.Alert prompt = wait(ExpectedConditions.alertIsPresent());
        assertThat(prompt.getText()).contains("100,000.01", CITY_VOUCHER, "冲销原因");
        prompt.sendKeys("凭证金额有误");
        prompt.accept();

        waitForText(row + "[data-field=reversed]", "已冲销");
        waitForText("[data-testid=disbursement-sources] tr[data-source=MUNICIPAL] [data-field=paid]", "0.00");
        assertThat(browser.findElements(By.cssSelector(row + "button[data-reverse]"))).isEmpty();
        JsonNode after = api.get("finance", DISBURSEMENTS);
        assertThat(after.get("entries").get(0).get("reversed").asBoolean()).isTrue();
        assertThat(after.get("municipal").get("paid").decimalValue()).isEqualByComparingTo("0");
        JsonNode events = api.get("auditor", "/api/applications/" + ids.get("B") + "/history").get("events");
        JsonNode reversal = events.get(events.size() - 1);
        assertThat(reversal.get("type").asText()).isEqualTo("DisbursementReversed");
        assertThat(reversal.get("actor").asText()).isEqualTo("finance");
        assertThat(reversal.get("payload").toString()).contains("凭证金额有误");
        screenshot("07-reversed");

        // the payments ledger for spreadsheets and for people, as the API gives them
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        browser.findElement(By.id("payments-csv")).click();
        Path csv = output.resolve("disbursements-current.csv");
        await("the payments CSV to download", () -> Files.exists(csv)
                && !Files.exists(output.resolve("disbursements-current.csv.crdownload")));
        String expected = api.text("finance", DISBURSEMENTS + "?format=csv", "text/csv");
        assertThat(readString(csv)).isEqualTo(expected).contains(CITY_VOUCHER, "西青财〔2026〕8号");
        browser.findElement(By.id("payments-xlsx")).click();
        Path xlsx = output.resolve("disbursements-current.xlsx");
        await("the payments workbook to download", () -> Files.exists(xlsx)
                && !Files.exists(output.resolve("disbursements-current.xlsx.crdownload")));
        assertThat(readBytes(xlsx)).startsWith((byte) 'P', (byte) 'K');
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------

    private static LocalDate today() {
        return LocalDate.now(BEIJING);
    }

    private void loginAs(String user) {
        browser.get(baseUrl + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(baseUrl + "/");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user.startsWith("district-") ? "district" : user);
        browser.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
    }

    private void openTab(String view) {
        browser.findElement(By.cssSelector("#tabs button[data-view=" + view + "]")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view)));
    }

    /** Chooses an application in a payment form's picker once the picker offers it. */
    private void pick(String form, String applicationId) {
        By picker = By.id("payment-" + form + "-application");
        wait(driver -> !driver.findElements(By.cssSelector("#payment-" + form + "-application option[value='"
                + applicationId + "']")).isEmpty());
        WebElement select = browser.findElement(picker);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", select);
        new Select(select).selectByValue(applicationId);
    }

    /** Types the amount and the voucher; the date is set and changed as a person leaving the field would. */
    private void fill(String form, String amount, String paidOn, String voucher) {
        WebElement amountInput = browser.findElement(By.id("payment-" + form + "-amount"));
        amountInput.clear();
        amountInput.sendKeys(amount);
        ((JavascriptExecutor) browser).executeScript("const input = document.getElementById(arguments[0]);"
                + "input.value = arguments[1];"
                + "input.dispatchEvent(new Event('change', {bubbles: true}));", "payment-" + form + "-paid-on", paidOn);
        WebElement voucherInput = browser.findElement(By.id("payment-" + form + "-voucher"));
        voucherInput.clear();
        voucherInput.sendKeys(voucher);
    }

    private void waitForText(String css, String expected) {
        try {
            wait(driver -> driver.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().trim().equals(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited for \"" + expected + "\" in " + css + ", found: "
                    + browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList(), e);
        }
    }

    private String text(String css) {
        return wait(driver -> driver.findElement(By.cssSelector(css)).getText().trim());
    }

    private <T> T wait(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        Chromium.screenshot(browser, output, name);
    }

    private static void await(String what, java.util.function.Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof RuntimeException r ? r : new IllegalStateException(e);
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
        for (JsonNode d : body.get("byDistrict")) {
            if (d.get("code").asText().equals(code)) {
                return d;
            }
        }
        throw new AssertionError("no district " + code);
    }

    private static String districtName(String code) {
        for (JsonNode d : api.get("auditor", "/api/reference").get("districts")) {
            if (d.get("code").asText().equals(code)) {
                return d.get("name").asText();
            }
        }
        throw new AssertionError("no district " + code);
    }
}
