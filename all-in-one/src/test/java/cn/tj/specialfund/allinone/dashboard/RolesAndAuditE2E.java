package cn.tj.specialfund.allinone.dashboard;

import cn.tj.specialfund.coreapi.rules.ProgramRules;
import cn.tj.specialfund.coreapi.value.Money;
import cn.tj.specialfund.coreapi.value.Shares;
import cn.tj.specialfund.coreapi.value.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static cn.tj.specialfund.allinone.dashboard.DashboardE2E.money;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as each role uses it, on the sample call (230 applications on the 2020 calendar, payments and a
 * reversal in 2021), in headless Chromium: each role's landing view and tabs, never a view the server refuses; the
 * auditor's paged server-side search; an application's budget tables and award computation, checked to the fen
 * against ProgramRules and the query API; actors as roles, payments and reversals in the timeline; the state as of
 * 2020-10-31; a Chinese error; and the layout at 1 024 px and on a 390 px phone (screenshots in {@code e2e.output}).
 */
class RolesAndAuditE2E {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SHOWN_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int SAMPLE_APPLICATIONS = 230;
    private static final ProgramRules RULES = ProgramRules.CALL_2020;

    private static ConfigurableApplicationContext system;
    private static Api api;
    private static String baseUrl;
    private static ChromeDriver browser;
    private static Path output;

    @BeforeAll
    static void startWithTheSampleCallAndOpenBrowser() throws IOException {
        output = Path.of(System.getProperty("e2e.output", "target/e2e"));
        Files.createDirectories(output);
        system = EmbeddedSystem.start("e2e_roles",
                "--ledger.sample-call.enabled=true");
        baseUrl = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) system).getWebServer().getPort();
        api = new Api(baseUrl);
        awaitSettledReadModels();
        // a browser in English: the page's dates and texts must not follow it
        browser = Chromium.open("en-US", "1440,900", null);
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

    /** The sample call is written before start-up ends; the read models follow it: wait until they stand still. */
    private static void awaitSettledReadModels() {
        String[] last = {null};
        await("the read models to take in the sample call", () -> {
            JsonNode list = api.get("auditor", "/api/applications?size=1");
            String now = api.get("auditor", "/api/dashboard/directions").get("totals").toString()
                    + api.get("auditor", "/api/finance/commitments?entriesSize=1").get("entryCount")
                    + api.get("auditor", "/api/finance/disbursements?entriesSize=1").get("entryCount");
            boolean settled = list.get("total").asLong() == SAMPLE_APPLICATIONS && now.equals(last[0]);
            last[0] = now;
            if (!settled) {
                sleep(1000);
            }
            return settled;
        });
    }

    // ---------------------------------------------------------------------------------------------------

    record Expected(String user, String landing, List<String> views, String listTab) {
    }

    @Test
    void eachRoleLandsOnItsOwnViewAndSeesOnlyTheTabsItMayUse() {
        List<Expected> roles = List.of(
                new Expected("manager", "overview", List.of("overview", "districts", "finance", "auditor"), "审计查询"),
                new Expected("admin", "overview", List.of("overview", "districts", "finance", "auditor"), "审计查询"),
                new Expected("auditor", "auditor", List.of("auditor", "overview", "districts", "finance"), "审计查询"),
                new Expected("finance", "finance", List.of("finance", "overview", "districts", "auditor"), "项目查询"),
                new Expected("district-xiqing", "districts", List.of("districts", "auditor", "overview"), "本区项目"),
                new Expected("reviewer", "overview", List.of("overview", "auditor", "districts"), "项目查询"));
        for (Expected role : roles) {
            loginAs(role.user());
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + role.landing())));
            assertThat(location()).as(role.user() + " lands on").endsWith("#" + role.landing());
            assertThat(visibleTabs()).as(role.user() + "'s tabs").isEqualTo(role.views());
            assertThat(text("#tabs button[data-view=auditor]")).isEqualTo(role.listTab());
            // every tab the role sees answers: a refresh that succeeded, no refusal banner
            for (String view : role.views()) {
                openTabAndAwaitRefresh(view);
                assertThat(browser.findElement(By.id("banner")).isDisplayed()).as(role.user() + " on " + view).isFalse();
            }
            assertThat(browser.findElements(By.cssSelector("#tabs button[data-view]:not([hidden])"))).hasSize(role.views().size());
        }

        // the district officer: its district stands out, its list is its district's alone
        loginAs("district-xiqing");
        wait(driver -> driver.findElements(By.cssSelector("#districts-table tr.own-district[data-district=XIQING]")).size() == 1);
        assertThat(text("#role")).isEqualTo("西青区主管部门");
        openTabAndAwaitRefresh("auditor");
        assertThat(browser.findElement(By.id("filter-district")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("filter-district")).getAttribute("value")).isEqualTo("XIQING");
        long own = api.get("district-xiqing", "/api/applications?size=1").get("total").asLong();
        waitForAttribute("#search-status", "data-total", String.valueOf(own));
        assertThat(own).isPositive().isLessThan(SAMPLE_APPLICATIONS);
        screenshot("10-district-officer");

        // the scrape account has no dashboard
        browser.get(baseUrl + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(baseUrl + "/");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("metrics");
        browser.findElement(By.id("password")).sendKeys("metrics");
        browser.findElement(By.id("login-submit")).click();
        waitForText("#login-error", "该用户无权使用看板");
        assertThat(browser.findElement(By.id("tabs")).isDisplayed()).isFalse();
    }

    @Test
    void financeOpensALedgerRowAndSeesWhatItMayReadNeverARefusal() {
        loginAs("finance");
        wait(driver -> !driver.findElements(By.cssSelector("#ledger-table [data-open]")).isEmpty());
        WebElement link = browser.findElement(By.cssSelector("#ledger-table [data-open]"));
        String id = link.getAttribute("data-open");
        link.click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("view-auditor")));
        waitForText("[data-testid=state-current] [data-field=id]", id);
        JsonNode application = api.get("finance", "/api/applications/" + id);
        assertThat(text("[data-testid=state-current] [data-field=awardedAmount]")).isEqualTo(money(application.get("awardedAmount")));
        assertThat(text("[data-testid=award-computation] [data-field=amount]")).isEqualTo(money(application.get("awardedAmount")));
        assertThat(browser.findElement(By.id("timeline-card")).isDisplayed()).isFalse();
        assertThat(text("[data-testid=budget-unavailable]")).contains("仅审计、项目管理和本区主管部门可查看");
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("FORBIDDEN").doesNotContain("无权");
        screenshot("11-finance-opens-a-ledger-row");
    }

    @Test
    void theAuditorSearchesByDistrictNameAndCreditCodePrefixAndPagesPastFifty() {
        loginAs("auditor");
        waitForAttribute("#search-status", "data-total", String.valueOf(SAMPLE_APPLICATIONS));
        assertThat(resultIds()).isEqualTo(ids(api.get("auditor", "/api/applications?page=0&size=50")));
        assertThat(text("#page-label")).isEqualTo("第 1 / 5 页");

        browser.findElement(By.id("page-next")).click();
        waitForText("#page-label", "第 2 / 5 页");
        assertThat(resultIds()).isEqualTo(ids(api.get("auditor", "/api/applications?page=1&size=50")));
        assertThat(browser.findElement(By.cssSelector("#search-results li[data-index]")).getAttribute("data-index")).isEqualTo("50");
        screenshot("12-auditor-page-2");

        // 西青: the district's name finds its applications, not only names that contain it
        JsonNode xiqing = api.get("auditor", "/api/applications?size=50&q=" + encode("西青"));
        long inXiqing = api.get("auditor", "/api/applications?size=1&district=XIQING").get("total").asLong();
        assertThat(xiqing.get("total").asLong()).isGreaterThanOrEqualTo(inXiqing).isGreaterThan(1);
        search("西青");
        waitForAttribute("#search-status", "data-total", xiqing.get("total").asText());
        assertThat(resultIds()).isEqualTo(ids(xiqing));
        assertThat(text("#page-label")).startsWith("第 1 / ");

        // a credit code's prefix
        JsonNode some = api.get("auditor", "/api/applications?page=3&size=1").get("items").get(0);
        String prefix = some.get("creditCode").asText().substring(0, 13);
        JsonNode byPrefix = api.get("auditor", "/api/applications?size=50&q=" + prefix);
        search(prefix);
        waitForAttribute("#search-status", "data-total", byPrefix.get("total").asText());
        assertThat(resultIds()).isEqualTo(ids(byPrefix)).contains(some.get("id").asText());

        // filters: a direction and a status, with submission dates typed as 2020/9/1 (any browser locale)
        JsonNode filtered = api.get("auditor", "/api/applications?size=50&direction=1.2&status=AWARDED"
                + "&submittedFrom=" + encode("2020-09-01T00:00:00+08:00") + "&submittedTo=" + encode("2020-09-30T23:59:59.999999999+08:00"));
        search("");
        selectValue("filter-direction", "1.2");
        selectValue("filter-status", "AWARDED");
        typeDate("filter-from", "2020/9/1");
        typeDate("filter-to", "2020年9月30日");
        assertThat(browser.findElement(By.id("filter-from")).getAttribute("value")).isEqualTo("2020-09-01");
        clickCentered("search-submit");
        waitForAttribute("#search-status", "data-total", filtered.get("total").asText());
        assertThat(resultIds()).isEqualTo(ids(filtered));

        // a refused query: the server's problem detail, in Chinese
        browser.findElement(By.id("search-reset")).click();
        String tooLong = "测".repeat(201);
        JsonNode problem = api.problem("auditor", "/api/applications?q=" + encode(tooLong), 400);
        assertThat(problem.get("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(problem.get("detail").asText()).containsPattern("\\p{IsHan}");
        search(tooLong);
        waitForText("#search-status", "查询失败：" + problem.get("detail").asText());
        screenshot("13-chinese-error");
    }

    @Test
    void theBudgetTablesAndTheAwardComputationMatchProgramRulesAndTheLedgerToTheFen() {
        // a topped-up project, and an award with an excluded expenditure
        Found toppedUp = find("TOPPED_UP", form -> true);
        Found awarded = find("AWARDED", RolesAndAuditE2E::hasExcludedExpenditure);
        loginAs("auditor");
        for (Found found : List.of(toppedUp, awarded)) {
            openApplication(found.id());
            waitForText("[data-testid=state-current] [data-field=id]", found.id());
            JsonNode form = found.submission().get("form");
            JsonNode application = api.get("auditor", "/api/applications/" + found.id());

            for (JsonNode row : form.get("funding")) {
                String tr = "[data-testid=funding-table] tr[data-year='" + row.get("year").asText() + "'] ";
                for (String field : List.of("total", "selfRaised", "specialFunds")) {
                    assertThat(text(tr + "[data-field=" + field + "]")).isEqualTo(money(row.get(field)));
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal eligible = BigDecimal.ZERO;
            for (JsonNode line : form.get("expenditures")) {
                String category = line.get("category").asText();
                boolean excluded = EXCLUDED.contains(category);
                String tr = "[data-testid=expenditure-table] tr[data-category=" + category + "] ";
                assertThat(text(tr + "[data-field=amount]")).isEqualTo(money(line.get("amount")));
                assertThat(text(tr + "[data-field=eligible]")).isEqualTo(excluded ? "—" : money(line.get("amount")));
                assertThat(browser.findElements(By.cssSelector(tr + "[data-field=excluded]"))).hasSize(excluded ? 1 : 0);
                total = total.add(line.get("amount").decimalValue());
                eligible = excluded ? eligible : eligible.add(line.get("amount").decimalValue());
            }
            assertThat(eligible).isEqualByComparingTo(application.get("eligibleInvestment").decimalValue())
                    .isLessThanOrEqualTo(total);
            assertThat(text("[data-testid=investment] [data-field=totalInvestment]")).isEqualTo(money(total));
            assertThat(text("[data-testid=investment] [data-field=eligibleInvestment]")).isEqualTo(money(eligible));
            assertThat(text("[data-testid=investment] [data-field=excludedInvestment]")).isEqualTo(money(total.subtract(eligible)));
            assertThat(text("[data-testid=expenditure-table] tfoot [data-field=eligible]")).isEqualTo(money(eligible));
            assertThat(browser.findElements(By.cssSelector("[data-testid=materials] li[data-material]")))
                    .hasSize(form.get("materials").size());
            assertThat(text("[data-testid=materials] li[data-material=APPLICATION_FORM]")).isEqualTo("项目申请书");

            // the computation, from ProgramRules, as the page writes it out and as the ledger holds it
            Money eligibleMoney = Money.of(eligible);
            Money requested = Money.of(application.get("requestedSpecialFunds").decimalValue());
            Tier tier = found.status().equals("TOPPED_UP") ? Tier.MUNICIPAL : Tier.valueOf(application.get("tier").asText());
            Money byRate = eligibleMoney.times(RULES.rate(tier));
            Money amount = RULES.awardAmount(requested, tier, eligibleMoney);
            Shares shares = RULES.split(amount);
            String computation = "[data-testid=award-computation] ";
            assertThat(text(computation + "[data-field=byRate]")).isEqualTo(money(byRate.amount()));
            assertThat(text(computation + "[data-field=ceiling]")).isEqualTo(money(RULES.ceiling(tier, eligibleMoney).amount()));
            assertThat(text(computation + "[data-field=amount]")).isEqualTo(money(amount.amount()))
                    .isEqualTo(money(application.get("awardedAmount")));
            assertThat(text(computation + "[data-field=districtPart]")).isEqualTo(money(shares.districtShare().amount()));
            assertThat(text(computation + "[data-field=municipalPart]")).isEqualTo(money(shares.municipalShare().amount()));
            Money support = amount;
            if (found.status().equals("TOPPED_UP")) {
                Money topUp = RULES.topUpAmount(eligibleMoney, amount);
                support = amount.plus(topUp);
                assertThat(text(computation + "[data-field=topUpCeiling]"))
                        .isEqualTo(money(RULES.ceiling(Tier.MIIT_PILOT, eligibleMoney).amount()));
                assertThat(text(computation + "[data-field=topUp]")).isEqualTo(money(topUp.amount()))
                        .isEqualTo(money(application.get("topUpAmount")));
            } else {
                assertThat(browser.findElements(By.cssSelector(computation + "[data-field=topUp]"))).isEmpty();
            }
            assertThat(text(computation + "[data-field=total]")).isEqualTo(money(support.amount()))
                    .isEqualTo(money(application.get("totalSupport")));
            assertThat(text(computation + "[data-field=municipal]")).isEqualTo(money(application.get("municipalShare")));
            assertThat(text(computation + "[data-field=district]")).isEqualTo(money(application.get("districtShare")));
            assertThat(browser.findElements(By.cssSelector(computation + "[data-field=disagrees], "
                    + computation + "[data-field=totalDisagrees]"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector(computation + "[data-field=totalAgrees]"))).hasSize(1);
        }
        scrollTo("[data-testid=award-computation]");
        screenshot("14-budget-and-award-computation");
        // the README's picture: the auditor's view of one application
        scrollTo("#view-auditor");
        screenshot("dashboard");
    }

    @Test
    void theTimelineShowsActorsAsRolesAndPaymentsAndTheirReversalInChinese() {
        Found reversed = findByHistory(List.of("AWARDED", "TOPPED_UP"),
                events -> types(events).contains("DisbursementReversed"));
        loginAs("auditor");
        openApplication(reversed.id());
        wait(driver -> driver.findElements(By.cssSelector("#timeline li[data-sequence]")).size() == reversed.events().size());
        JsonNode reference = api.get("auditor", "/api/reference");
        List<WebElement> items = browser.findElements(By.cssSelector("#timeline li[data-sequence]"));
        boolean sawPayment = false;
        for (int i = 0; i < items.size(); i++) {
            JsonNode event = reversed.events().get(i);
            WebElement item = items.get(i);
            assertThat(item.getAttribute("data-type")).isEqualTo(event.get("type").asText());
            assertThat(item.findElement(By.cssSelector("[data-field=actor]")).getText()).isEqualTo(event.get("actor").asText());
            String role = event.get("actorRole").asText();
            String shownRole = item.findElement(By.cssSelector("[data-field=actorRole]")).getText();
            if (role.equals("DISTRICT_OFFICER")) {
                assertThat(shownRole).isEqualTo(nameOf(reference.get("districts"), event.get("actorDistrict").asText()) + "主管部门");
            } else {
                assertThat(shownRole).isEqualTo(nameOf(reference.get("roles"), role));
            }
            JsonNode payload = event.get("payload");
            if (event.get("type").asText().equals("DisbursementRecorded")) {
                sawPayment = true;
                assertThat(item.findElement(By.className("event-type")).getText()).isEqualTo("资金拨付");
                assertThat(item.findElement(By.cssSelector("[data-field=amount]")).getText()).isEqualTo(money(payload.get("amount")));
                assertThat(item.findElement(By.cssSelector("[data-field=voucher]")).getText()).isEqualTo(payload.get("voucher").asText());
                assertThat(item.findElement(By.cssSelector("[data-field=paidOn]")).getText())
                        .isEqualTo(SHOWN_DAY.format(LocalDate.parse(payload.get("paidOn").asText())));
                assertThat(item.getText()).contains(payload.get("source").asText().equals("MUNICIPAL") ? "市级资金拨付" : "区级配套资金拨付");
                assertThat(shownRole).isEqualTo(payload.get("source").asText().equals("MUNICIPAL") ? "财政"
                        : nameOf(reference.get("districts"), payload.get("district").asText()) + "主管部门");
            }
            if (event.get("type").asText().equals("DisbursementReversed")) {
                assertThat(item.findElement(By.className("event-type")).getText()).isEqualTo("拨付冲销");
                assertThat(item.findElement(By.cssSelector("[data-field=amount]")).getText()).isEqualTo(money(payload.get("amount")));
                assertThat(item.findElement(By.cssSelector("[data-field=reason]")).getText()).isEqualTo(payload.get("reason").asText());
                assertThat(item.getText()).startsWith("拨付冲销").contains("冲销");
            }
        }
        assertThat(sawPayment).isTrue();
        assertThat(items.get(0).findElement(By.cssSelector("[data-field=actorRole]")).getText()).endsWith("主管部门");
        scrollTo("#timeline li[data-type=DisbursementReversed]");
        screenshot("15-timeline-payments-and-reversal");
    }

    @Test
    void asOfTheEndOfOctober2020AnApplicationShowsItsDistrictReviewButNoScore() {
        Instant endOfOctober = LocalDate.of(2020, 11, 1).atStartOfDay(BEIJING).toInstant();
        Found awarded = findByHistory(List.of("AWARDED"), events -> {
            Instant approved = timestampOf(events, "DistrictApproved");
            Instant scored = timestampOf(events, "ApplicationScored");
            return approved != null && approved.isBefore(endOfOctober) && scored != null && !scored.isBefore(endOfOctober);
        });
        String at = "2020-10-31T23:59:59.999999999+08:00";
        JsonNode then = api.get("auditor", "/api/applications/" + awarded.id() + "/as-of?at=" + encode(at));
        assertThat(then.get("status").asText()).isEqualTo("DISTRICT_APPROVED");
        assertThat(then.get("score").isNull()).isTrue();

        loginAs("auditor");
        openApplication(awarded.id());
        wait(driver -> !driver.findElements(By.cssSelector("#timeline li[data-sequence]")).isEmpty());
        WebElement input = browser.findElement(By.id("as-of-input"));
        input.clear();
        input.sendKeys("2020-10-31");
        browser.findElement(By.id("as-of-submit")).click();
        waitForText("[data-testid=state-as-of] [data-field=status]", "区级审核通过");
        assertThat(text("[data-testid=state-as-of] [data-field=score]")).isEqualTo("—");
        assertThat(text("[data-testid=state-as-of] [data-field=awardedAmount]")).isEqualTo("0.00");
        assertThat(text("[data-testid=as-of-at]")).contains("2020/10/31 23:59:59");
        assertThat(browser.findElement(By.cssSelector("#timeline li[data-type=DistrictApproved]")).getAttribute("class")).doesNotContain("later");
        assertThat(browser.findElement(By.cssSelector("#timeline li[data-type=ApplicationScored]")).getAttribute("class")).contains("later");
        scrollTo("[data-testid=state-as-of]");
        screenshot("16-as-of-2020-10-31");

        // the finance view on that day: nothing committed yet, and no chart of zeros
        loginAs("finance");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("finance-as-of")));
        typeDate("finance-as-of", "2020/10/31");
        waitForText("[data-testid=finance-total] [data-role=yuan]", "0.00");
        assertThat(browser.findElement(By.id("finance-as-of")).getAttribute("value")).isEqualTo("2020-10-31");
        wait(driver -> "true".equals(driver.findElement(By.id("chart-tier")).getAttribute("data-empty")));
        assertThat(text("#chart-tier")).isEqualTo("暂无数据");
        typeDate("finance-as-of", "2020-13-01");
        wait(driver -> driver.findElement(By.id("finance-as-of")).getAttribute("class").contains("invalid"));
        assertThat(text("[data-testid=finance-total] [data-role=yuan]")).isEqualTo("0.00");
    }

    @Test
    void theLayoutHoldsAt1024PixelsAndOnAPhone() {
        loginAs("manager");
        try {
            for (int width : new int[]{1024, 390}) {
                layOut(width);
            }
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void layOut(int width) {
        viewport(width, width == 390 ? 844 : 768);
        openTabAndAwaitRefresh("overview");
        waitForRows("#directions-table tbody tr", 12);
        assertLaidOut(width);
        screenshot(width + "-overview");
        openTabAndAwaitRefresh("auditor");
        search("西青");
        waitForAttribute("#search-status", "data-total",
                api.get("manager", "/api/applications?size=1&q=" + encode("西青")).get("total").asText());
        // the list may still be redrawn by a poll: click whichever first item is there
        wait(driver -> {
            driver.findElement(By.cssSelector("#search-results li[data-id]")).click();
            return true;
        });
        wait(driver -> !driver.findElements(By.cssSelector("#timeline li[data-sequence]")).isEmpty());
        assertLaidOut(width);
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot(width + "-auditor");
    }

    // ---------------------------------------------------------------------------------------------------

    private static final List<String> EXCLUDED = List.of("DIGITAL_PRODUCTION_EQUIPMENT", "TEST_INSTRUMENTS", "CIVIL_WORKS");

    /** An application of the sample call, its submission's payload and its events. */
    record Found(String id, String status, JsonNode submission, JsonNode events) {
    }

    private static boolean hasExcludedExpenditure(JsonNode form) {
        for (JsonNode line : form.get("expenditures")) {
            if (EXCLUDED.contains(line.get("category").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Found find(String status, Predicate<JsonNode> form) {
        return findByHistory(List.of(status), events -> form.test(events.get(0).get("payload").get("form")));
    }

    private static Found findByHistory(List<String> statuses, Predicate<JsonNode> history) {
        for (String status : statuses) {
            for (JsonNode item : api.get("auditor", "/api/applications?size=200&status=" + status).get("items")) {
                String id = item.get("id").asText();
                JsonNode events = api.get("auditor", "/api/applications/" + id + "/history").get("events");
                if (history.test(events)) {
                    return new Found(id, status, events.get(0).get("payload"), events);
                }
            }
        }
        throw new AssertionError("the sample call has no such application among " + statuses);
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static Instant timestampOf(JsonNode events, String type) {
        for (JsonNode event : events) {
            if (event.get("type").asText().equals(type)) {
                return Instant.parse(event.get("timestamp").asText());
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private List<String> resultIds() {
        return wait(driver -> driver.findElements(By.cssSelector("#search-results li[data-id]")).stream()
                .map(li -> li.getAttribute("data-id")).toList());
    }

    private List<String> visibleTabs() {
        return browser.findElements(By.cssSelector("#tabs button[data-view]")).stream()
                .filter(WebElement::isDisplayed).map(b -> b.getAttribute("data-view")).toList();
    }

    /** One row of tabs that does not wrap, a header that keeps together, nothing wider than the screen. */
    private void assertLaidOut(int width) {
        JavascriptExecutor js = browser;
        @SuppressWarnings("unchecked")
        List<Number> tops = (List<Number>) js.executeScript("return [...document.querySelectorAll('#tabs button')]"
                + ".filter(b => !b.hidden).map(b => Math.round(b.getBoundingClientRect().top))");
        assertThat(tops.stream().map(Number::longValue).distinct().count()).as("rows of tabs at %d px", width).isEqualTo(1);
        Number scrollWidth = (Number) js.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("page width at %d px", width).isLessThanOrEqualTo(width);
        Number header = (Number) js.executeScript("return document.querySelector('.topbar').getBoundingClientRect().height");
        assertThat(header.intValue()).as("header height at %d px", width).isLessThanOrEqualTo(width < 760 ? 110 : 64);
        Boolean sessionFits = (Boolean) js.executeScript("const s = document.getElementById('session').getBoundingClientRect();"
                + "return s.right <= window.innerWidth && s.left >= 0");
        assertThat(sessionFits).as("user and logout visible at %d px", width).isTrue();
    }

    private void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 760));
        sleep(300);
    }

    private void loginAs(String user) {
        browser.get(baseUrl + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(baseUrl + "/");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user.startsWith("district-") ? "district" : user);
        browser.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
        assertThat(text("#user")).isEqualTo(user);
    }

    /** Opens a tab and waits until that view (not a poll of the one before) has refreshed without a failure. */
    private void openTabAndAwaitRefresh(String view) {
        String before = Optional.ofNullable(browser.findElement(By.id("refreshed")).getAttribute("data-at")).orElse("");
        browser.findElement(By.cssSelector("#tabs button[data-view=" + view + "]")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view)));
        wait(driver -> {
            WebElement refreshed = driver.findElement(By.id("refreshed"));
            String at = refreshed.getAttribute("data-at");
            return at != null && !at.equals(before) && view.equals(refreshed.getAttribute("data-view"));
        });
    }

    private void openApplication(String id) {
        if (!browser.findElement(By.id("view-auditor")).isDisplayed()) {
            openTabAndAwaitRefresh("auditor");
        }
        search(id);
        waitForText("[data-testid=state-current] [data-field=id]", id);
    }

    private void search(String query) {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        WebElement input = browser.findElement(By.id("search-input"));
        input.clear();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, query);
        clickCentered("search-submit");
    }

    /** Clicks a control scrolled to the middle of the screen, clear of the sticky header (the page may still scroll). */
    private void clickCentered(String id) {
        wait(driver -> {
            WebElement element = driver.findElement(By.id(id));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            try {
                element.click();
                return true;
            } catch (org.openqa.selenium.ElementClickInterceptedException e) {
                return false;
            }
        });
    }

    private void selectValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                + "s.dispatchEvent(new Event('change', {bubbles: true}))", id, value);
    }

    /** Types a date over the field's text as a person would and leaves the field, which fires its change. */
    private void typeDate(String id, String typed) {
        WebElement input = browser.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), typed);
        ((JavascriptExecutor) browser).executeScript("arguments[0].blur()", input);
    }

    private void scrollTo(String css) {
        ((JavascriptExecutor) browser).executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
    }

    private String location() {
        return browser.getCurrentUrl();
    }

    private void waitForRows(String css, int atLeast) {
        wait(driver -> driver.findElements(By.cssSelector(css)).size() >= atLeast);
    }

    private void waitForText(String css, String expected) {
        wait(driver -> driver.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().trim().equals(expected)));
    }

    private void waitForAttribute(String css, String attribute, String expected) {
        wait(driver -> driver.findElements(By.cssSelector(css)).stream().anyMatch(e -> expected.equals(e.getAttribute(attribute))));
    }

    private String text(String css) {
        return wait(driver -> driver.findElement(By.cssSelector(css)).getText().trim());
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static String nameOf(JsonNode list, String code) {
        for (JsonNode item : list) {
            if (item.get("code").asText().equals(code)) {
                return item.get("name").asText();
            }
        }
        throw new AssertionError("reference has no " + code);
    }

    private static void screenshot(String name) {
        Chromium.screenshot(browser, output, name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, java.util.function.Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                sleep(500);
            }
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

}
