package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A moderator signs in to the staff portal in a real browser (Debian's Chromium) through the real Keycloak, the
 * portal calls an admin API with nothing but the gateway's session cookie, and after signing out neither the
 * gateway's session nor Keycloak's lets anything through.
 */
class StaffSignInIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Devstack devstack;
    private static Browser chromium;
    private static WebDriver browser;

    @BeforeAll
    static void startThePlatformAndABrowser() {
        devstack = SharedDevstack.get();
        chromium = Browser.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void moderatorSignsInPublishesAStoryFromTheQueueThroughTheSessionAndSignsOut() throws Exception {
        String portal = devstack.gatewayUrl() + "/admin";
        String title = "Waiting for the portal " + UUID.randomUUID();
        String id = submitStory(title);
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

        // the moderation desk: open the story from the queue and publish it, a cookie-authenticated write with CSRF
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[contains(., '" + title + "')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//section[@data-moderation]//button[.='Publish']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-notice]"), "Done"));
        assertThat(statusOf("/api/stories/" + id)).as("the story is public now").isEqualTo(200);

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

    private static String submitStory(String title) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(devstack.gatewayUrl() + "/api/stories"))
                .header("Content-Type", "application/json")
                .header(ProofOfWork.HEADER, ProofOfWork.solve(http, devstack.gatewayUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"language\":\"en\","
                        + "\"text\":\"A story for the moderation desk.\",\"consents\":{\"publishOnSite\":true}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
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
        return chromium.console();
    }
}
