package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.chorus.testsupport.LogFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A moderator signs in to the staff portal in a real browser (Debian's Chromium) through the real Keycloak, the
 * portal calls an admin API with nothing but the gateway's session cookie, and after signing out neither the
 * gateway's session nor Keycloak's lets anything through.
 */
class StaffSignInIT {

    private static final Path LOGS = Path.of("target", "devstack-signin", "logs");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Devstack devstack;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startThePlatformAndABrowser() throws IOException {
        for (String executable : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            assertThat(new File(executable)).as("%s (Debian packages chromium and chromium-driver; .ci/run installs them)",
                    executable).canRead();
        }
        devstack = Devstack.start(DevstackPorts.free(), Path.of("target", "devstack-signin"), true,
                name -> new LogFile(LOGS.resolve(name + ".log")));
        profile = Files.createTempDirectory("chorus-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopBrowserAndPlatform() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (devstack != null) {
            devstack.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void moderatorSignsInUsesTheModerationQueueThroughTheSessionAndSignsOut() {
        String portal = devstack.gatewayUrl() + "/admin";
        browser.get(portal);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-sign-in]"))).click();

        // Keycloak's own login page, on Keycloak's origin
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("moderator");
        browser.findElement(By.id("password")).sendKeys("moderator");
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.urlToBe(portal));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-staff-name]"), "moderator"));
        assertThat(browser.findElement(By.cssSelector("[data-staff-roles]")).getText()).isEqualTo("moderator");
        // the portal asked stories-service for the moderation queue, relayed by the gateway with the session's token
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-moderation-queue]")));
        assertThat(statusOf("/api/admin/stories")).isEqualTo(200);
        assertThat(browserCookies()).as("the browser holds no token, only the session and the CSRF cookie")
                .doesNotContain("eyJ");

        browser.findElement(By.cssSelector("[data-sign-out]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-signed-out]")));
        assertThat(browser.getCurrentUrl()).isEqualTo(portal);
        assertThat(statusOf("/api/admin/stories")).isEqualTo(401);
        assertThat(statusOf("/api/me")).isEqualTo(401);
        // Keycloak's session ended too: signing in asks for the password again
        browser.findElement(By.cssSelector("[data-sign-in]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));

        assertThat(browserLog()).as("the portal runs under its strict CSP without a violation")
                .noneMatch(line -> line.contains("Content Security Policy") && line.contains(devstack.gatewayUrl()));
    }

    /** The status of a same-origin GET made by the page itself, with the browser's cookies. */
    private static long statusOf(String path) {
        if (!browser.getCurrentUrl().startsWith(devstack.gatewayUrl())) {
            browser.get(devstack.gatewayUrl() + "/admin");
        }
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status), () => done(-1));",
                path);
        return ((Number) status).longValue();
    }

    private static String browserCookies() {
        return browser.manage().getCookies().toString();
    }

    private static List<String> browserLog() {
        try {
            return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
