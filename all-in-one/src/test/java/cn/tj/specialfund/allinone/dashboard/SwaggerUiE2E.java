package cn.tj.specialfund.allinone.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI in headless Chromium under the service's Content-Security-Policy: the page is opened as one user (the
 * browser's Basic login), the UI is authorised with Basic as another, and one call made from the UI answers 200 only
 * because the UI sent the credentials it was given (the page's user, a reviewer, may not read the commitments).
 * Nothing is loaded from outside the service and no CSP violation is reported. Screenshot in {@code e2e.output}.
 */
class SwaggerUiE2E {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext system;
    private static ChromeDriver browser;
    private static Path output;
    private static int port;

    @BeforeAll
    static void startSystemAndOpenBrowser() throws IOException {
        output = Path.of(System.getProperty("e2e.output", "target/e2e"));
        Files.createDirectories(output);
        system = EmbeddedSystem.start("swagger",
                "--ledger.sample-call.enabled=false");
        port = ((ServletWebServerApplicationContext) system).getWebServer().getPort();

        browser = Chromium.open("zh-CN", "1440,1800", null);
        Chromium.recordCspViolations(browser);
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
    void swaggerUiAuthorisesWithBasicAndMakesAnAuthenticatedCallUnderTheCsp() throws Exception {
        try {
            authoriseAndCall();
        } catch (RuntimeException | AssertionError e) {
            Files.write(output.resolve("swagger-ui-failed.png"), browser.getScreenshotAs(OutputType.BYTES));
            throw e;
        }
    }

    private void authoriseAndCall() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/swagger-ui/index.html"))
                .header("Authorization", "Basic cmV2aWV3ZXI6cmV2aWV3ZXI=").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'", "style-src-elem 'self'", "style-src-attr 'unsafe-inline'");

        // the browser's Basic login, as a person would answer its dialog: credentials in a first URL, then the page
        // without them (a page whose URL holds credentials may not fetch relative URLs)
        browser.get("http://reviewer:reviewer@127.0.0.1:" + port + "/swagger-ui/favicon-16x16.png");
        browser.get("http://127.0.0.1:" + port + "/swagger-ui.html");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.btn.authorize"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-basic-username"))).sendKeys("finance");
        browser.findElement(By.id("auth-basic-password")).sendKeys("finance");
        browser.findElement(By.cssSelector(".auth-container button.authorize")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-btn-wrapper .btn-done"))).click();

        // the operations are folded by tag (docExpansion none): open the commitments' tag
        wait.until(ExpectedConditions.elementToBeClickable(By.id("operations-tag-finance-controller"))).click();
        WebElement operation = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[id$='-commitments'].opblock")));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        // try-it-out is on from the start (springdoc.swagger-ui.try-it-out-enabled)
        wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(operation, By.cssSelector("button.execute"))).click();
        WebElement status = wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(operation,
                By.cssSelector(".live-responses-table .response .response-col_status")));
        assertThat(status.getText().trim()).startsWith("200");
        assertThat(operation.findElement(By.cssSelector(".live-responses-table .response .response-col_description")).getText())
                // the UI asks for the first media type the document lists for the answer, the ledger's CSV
                .contains("Response body", "filename=\"commitments.csv\"");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", operation);
        Files.write(output.resolve("swagger-ui.png"), browser.getScreenshotAs(OutputType.BYTES));

        assertThat(browser.findElements(By.cssSelector(".errors-wrapper"))).as("errors Swagger UI reports").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) browser.executeScript("return window.__cspViolations");
        assertThat(violations).as("Content-Security-Policy violations").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> foreign = (List<String>) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(n => !n.startsWith(location.origin))");
        assertThat(foreign).as("requests outside the service").isEmpty();
        assertThat(browser.manage().logs().get("browser").getAll().stream()
                .map(Object::toString).filter(line -> line.contains("Content Security Policy")).toList())
                .as("CSP messages in the console").isEmpty();
    }
}
