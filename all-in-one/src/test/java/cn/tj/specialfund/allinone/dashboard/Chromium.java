package cn.tj.specialfund.allinone.dashboard;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The browser tests' headless Chromium (Debian's, or {@code e2e.chromium}/{@code e2e.chromedriver}): one set of options. */
final class Chromium {

    private Chromium() {
    }

    /**
     * Chromium in {@code language} (e.g. zh-CN, or en-US to show the page does not follow the browser), the window
     * {@code windowSize} ("1440,900"), downloading into {@code downloads} without asking when it is not null.
     */
    static ChromeDriver open(String language, String windowSize, Path downloads) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + windowSize, "--lang=" + language,
                "--user-data-dir=" + Files.createTempDirectory("e2e-chromium"));
        Map<String, Object> preferences = new HashMap<>(Map.of("intl.accept_languages", language));
        if (downloads != null) {
            preferences.put("download.default_directory", downloads.toAbsolutePath().toString());
            preferences.put("download.prompt_for_download", false);
        }
        options.setExperimentalOption("prefs", preferences);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Every Content-Security-Policy violation of every page {@code browser} loads, in {@code window.__cspViolations}
     * for the test to read (a script added through DevTools runs before the page's own and is not subject to its
     * policy).
     */
    static void recordCspViolations(ChromeDriver browser) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = [];"
                        + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
                        + "e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"));
    }

    static void screenshot(WebDriver browser, Path output, String name) {
        try {
            Files.write(output.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
