package cn.tj.specialfund.allinone.dashboard;

import cn.tj.specialfund.verifier.BundleCheck;
import cn.tj.specialfund.verifier.NoteVerifier;
import cn.tj.specialfund.verifier.ProofBundle;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's view of tamper evidence in a real browser: each timeline event's leaf index and its mark, the
 * inclusion proof verified in the page (WebCrypto) against the latest checkpoint, an event after that checkpoint
 * shown as not yet verified, and the downloaded proof bundle verified with the verifier library. The checkpointer's
 * schedule is off (an hour): the first request for a checkpoint signs the one the test reasons about.
 */
class AuditProofE2E {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext system;
    private static Api api;
    private static String baseUrl;
    private static WebDriver browser;
    private static Path output;
    private static Path downloads;
    private static String id;

    @BeforeAll
    static void start() throws IOException {
        output = Path.of(System.getProperty("e2e.output", "target/e2e"));
        downloads = output.resolve("audit-downloads");
        Files.createDirectories(downloads);
        try (var previous = Files.list(downloads)) {
            for (Path file : previous.toList()) {
                Files.delete(file);
            }
        }
        system = EmbeddedSystem.start("audit_e2e",
                "--ledger.sample-call.enabled=false",
                "--ledger.audit.checkpoint-interval=1h",
                "--ledger.audit.verify-enabled=false");
        int port = ((ServletWebServerApplicationContext) system).getWebServer().getPort();
        baseUrl = "http://localhost:" + port;
        api = new Api(baseUrl);

        KnownCall.Planned planned = KnownCall.APPLICATIONS.get(0);
        id = api.post(planned.officer(), "/api/applications", KnownCall.form(planned, KnownCall.freshCreditCode()))
                .get("id").asText();
        String path = "/api/applications/" + id;
        api.post(planned.officer(), path + "/district-review",
                Map.of("decision", "APPROVE", "matchingCommitted", true, "comment", "同意推荐，区级按1:1配套"));
        awaitLeaves(2);
        // the checkpoint covers these two events; the score comes after it
        assertThat(api.text("auditor", "/api/audit/checkpoint", "text/plain")).isNotBlank();
        api.post("reviewer", path + "/score", Map.of("score", new BigDecimal("91.5"), "reviewer", "专家组"));
        awaitLeaves(3);

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

    @Test
    void theTimelineShowsLeafIndexesAndVerifiedMarksAndTheBundleDownloadedVerifies() throws Exception {
        loginAsAuditor();
        browser.findElement(By.cssSelector("#tabs button[data-view=auditor]")).click();
        WebElement input = wait(ExpectedConditions.visibilityOfElementLocated(By.id("search-input")));
        input.sendKeys(id);
        browser.findElement(By.id("search-submit")).click();

        JsonNode history = api.get("auditor", "/api/applications/" + id + "/history").get("events");
        wait(driver -> driver.findElements(By.cssSelector("#timeline [data-proof=verified]")).size() == 2
                && driver.findElements(By.cssSelector("#timeline [data-proof=unverified]")).size() == 1);
        screenshot("audit-01-timeline-proofs");
        for (JsonNode event : history) {
            String item = "#timeline li[data-sequence='" + event.get("sequence").asText() + "'] ";
            assertThat(text(item + "[data-testid=leaf-index]")).isEqualTo("叶 #" + event.get("leafIndex").asText());
            String mark = text(item + ".proof-mark");
            assertThat(mark).isEqualTo(event.get("sequence").asLong() < 2 ? "已验证" : "未验证");
        }
        assertThat(browser.findElement(By.cssSelector("#timeline li[data-sequence='2'] .proof-mark"))
                .getAttribute("title")).contains("尚未进入已签名的检查点");

        browser.findElement(By.cssSelector("[data-testid=proof-bundle]")).click();
        Path file = downloads.resolve("proof-bundle-" + id + ".json");
        wait(driver -> Files.exists(file) && !Files.exists(downloads.resolve(file.getFileName() + ".crdownload")));
        ProofBundle bundle = ProofBundle.parse(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode keys = api.get("auditor", "/api/audit/key");
        BundleCheck.Result result = BundleCheck.check(bundle, NoteVerifier.parse(keys.get("checkpointKey").asText()),
                List.of(NoteVerifier.parse(keys.get("eventKey").asText())), null, null);
        assertThat(result.problems()).isEmpty();
        assertThat(result.proved()).isEqualTo(2);
        assertThat(result.beyondCheckpoint()).isEqualTo(1);

        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) ((JavascriptExecutor) browser).executeScript("return window.__cspViolations");
        assertThat(violations).as("Content-Security-Policy violations").isEmpty();
    }

    private static void awaitLeaves(int events) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode history = api.get("auditor", "/api/applications/" + id + "/history").get("events");
            if (history.size() == events) {
                boolean all = true;
                for (JsonNode event : history) {
                    all &= event.hasNonNull("leafIndex");
                }
                if (all) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the tree did not take in " + events + " events of " + id);
    }

    private void loginAsAuditor() {
        browser.get(baseUrl + "/");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("auditor");
        browser.findElement(By.id("password")).sendKeys("auditor");
        browser.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
    }

    private String text(String css) {
        return wait(driver -> driver.findElement(By.cssSelector(css)).getText().trim());
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, output, name);
    }

}
