package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The public site in a real browser against the whole platform: what a survivor, a reader and a subscriber do. */
class PublicSiteIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static Devstack devstack;
    private static Browser browser;
    private WebDriver page;
    private WebDriverWait wait;

    @BeforeAll
    static void platformAndBrowser() {
        devstack = SharedDevstack.get();
        browser = Browser.start();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void englishFirst() {
        page = browser.driver();
        wait = new WebDriverWait(page, WAIT);
        open("/");
        browser.script("localStorage.setItem('chorus.lang', 'en')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/stories.html", "/share.html", "/help.html", "/subscribe.html", "/manage.html",
            "/subscription.html"})
    void everyPageMeetsWcag22AaCallsOnlyItsOwnOriginAndKeepsToItsCsp(String path) {
        open(path);
        // the national hotlines come from the API on every page: once they show, the page has done its work
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-hotlines] li")));

        Results results = new AxeBuilder().withTags(WCAG).analyze(page);
        assertThat(results.getViolations()).as("WCAG violations on %s: %s", path,
                results.getViolations().stream().map(Rule::getId).toList()).isEmpty();
        Object origins = browser.script("return [...new Set(performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name).origin))]");
        assertThat(((List<?>) origins).stream().map(String::valueOf).toList()).as("origins %s loaded from", path)
                .containsOnly(devstack.gatewayUrl());
        assertThat(browser.console()).as("console of %s", path)
                .noneMatch(line -> line.contains("Content Security Policy"));
        assertThat(page.findElement(By.cssSelector("[data-quick-exit]")).getAttribute("href"))
                .isEqualTo("https://www.google.com/");
    }

    @Test
    void aSurvivorSharesAStoryAnonymouslyKeepsThePrivateLinkAndWithdrawsItWithIt() {
        String text = "I was nineteen when it happened. " + UUID.randomUUID();
        SharedDevstack.PERSONAL.add(text);
        open("/share.html");
        page.findElement(By.id("text")).sendKeys(text);
        page.findElement(By.id("w-sexual-violence")).click();
        page.findElement(By.id("named-pseudonym")).click();
        page.findElement(By.id("name")).sendKeys("Luz");
        page.findElement(By.id("t-healing")).click();
        page.findElement(By.cssSelector("[data-share] button[type=submit]")).click();

        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-manage-link]"))).getText();
        assertThat(link).startsWith(devstack.gatewayUrl() + "/manage.html#");
        page.get(link);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.findElement(By.id("text")).getAttribute("value")).isEqualTo(text);
        assertThat(page.findElement(By.id("w-sexual-violence")).isSelected()).isTrue();

        page.findElement(By.cssSelector("[data-story] details summary")).click();
        page.findElement(By.cssSelector("[data-withdraw]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"), "withdrawn"));
        open("/");
        page.get(link);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"),
                "does not open a story"));
    }

    @Test
    void someoneLookingForHelpByZipSeesTheNationalLinesAndTheNearestDemoServices() {
        open("/help.html");
        page.findElement(By.id("zip")).sendKeys("10001");
        new Select(page.findElement(By.id("radius"))).selectByValue("80");
        page.findElement(By.cssSelector("[data-search] button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"), "services found"));
        assertThat(page.findElement(By.cssSelector("[data-hotlines]")).getText()).contains("988");
        List<String> names = page.findElements(By.cssSelector("[data-results] h2")).stream().map(e -> e.getText()).toList();
        assertThat(names).isNotEmpty().allMatch(name -> name.contains("DEMO"));
        assertThat(page.getCurrentUrl()).as("the ZIP never sits in a URL").doesNotContain("10001");
    }

    @Test
    void aSpanishReaderSwitchesTheWholeSiteToSpanish() {
        open("/");
        page.findElement(By.cssSelector("[data-lang-toggle]")).click();

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Historias de sobrevivientes y ayuda cerca de ti");
        assertThat(page.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        open("/share.html");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Comparte tu historia");
    }

    @Test
    void aSubscriberConfirmsFromTheMailLinkOnlyAfterThePageAsks() throws Exception {
        String email = "reader-" + UUID.randomUUID() + "@example.org";
        SharedDevstack.PERSONAL.add(email);
        open("/subscribe.html");
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.cssSelector("[data-subscribe] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"), "confirm"));

        await().atMost(WAIT).until(() -> !devstack.smtp().receivedBy(email).isEmpty());
        MimeMessage mail = devstack.smtp().receivedBy(email).get(0);
        Matcher confirm = Pattern.compile("(http://\\S+/api/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+)")
                .matcher(String.valueOf(mail.getContent()));
        assertThat(confirm.find()).as("a confirmation link in the mail").isTrue();
        page.get(confirm.group(1));

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-confirm-button]")));
        assertThat(page.getCurrentUrl()).startsWith(devstack.gatewayUrl() + "/subscription.html#confirm=");
        page.findElement(By.cssSelector("[data-confirm-button]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"), "confirmed"));
        assertThat(page.findElement(By.cssSelector("[data-email]")).getText()).doesNotContain(email).contains("***");
    }

    @Test
    void escapeLeavesTheSiteAtOnceAndBackDoesNotReturnToIt() {
        open("/");
        open("/share.html");
        page.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

        wait.until(driver -> !driver.getCurrentUrl().startsWith(devstack.gatewayUrl()));
        page.navigate().back();
        // the page we left was replaced in the history: back goes to the one before it, never the form
        wait.until(driver -> !driver.getCurrentUrl().endsWith("/share.html"));
    }

    private void open(String path) {
        page.get(devstack.gatewayUrl() + path);
    }
}
