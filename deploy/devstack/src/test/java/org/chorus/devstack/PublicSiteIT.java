package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.testsupport.DevUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/** The public site in a real browser against the whole platform: what a survivor, a reader and a subscriber do. */
class PublicSiteIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        browser.script("sessionStorage.setItem('chorus.lang', 'en')");
    }

    /** Text a test left typed in a form would make the next page load ask "leave the page?"; nothing is left typed. */
    @AfterEach
    void leaveNothingTyped() {
        if (page.getCurrentUrl().startsWith(devstack.gatewayUrl())) {
            browser.script("document.querySelectorAll('form').forEach((form) => form.reset())");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/stories.html", "/share.html", "/help.html", "/subscribe.html", "/manage.html",
            "/subscription.html", "/safety.html"})
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
        browser.screenshot("site-" + (path.equals("/") ? "home" : path.substring(1).replace(".html", "")));
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
    void aStoryWhoseAnswerIsLostOnTheWayIsSentAgainByThePageAndStoredOnce() throws Exception {
        String text = "The answer never reached me. " + UUID.randomUUID();
        SharedDevstack.PERSONAL.add(text);
        open("/share.html");
        long before = storyCount();
        // the network loses the answer to the first submission after the platform stored it, as a gateway restarting
        // mid-answer or a dropped mobile connection would
        browser.script("""
                const send = window.fetch;
                let lost = false;
                window.fetch = async (input, init) => {
                  const answer = await send(input, init);
                  if (!lost && String(input) === '/api/stories' && init?.method === 'POST') {
                    lost = true;
                    throw new TypeError('Failed to fetch');
                  }
                  return answer;
                };""");
        page.findElement(By.id("text")).sendKeys(text);
        page.findElement(By.id("w-sexual-violence")).click();
        page.findElement(By.cssSelector("[data-share] button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-checking]"),
                "Your story is still here"));
        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-manage-link]")))
                .getText();
        assertThat(storyCount()).as("stories stored by the two attempts").isEqualTo(before + 1);
        page.get(link);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.findElement(By.id("text")).getAttribute("value")).isEqualTo(text);
    }

    @Test
    void aNameHoldingAnEmailAddressIsRefusedUnderTheNameFieldWhenSharingAndTheCorrectedStoryIsSharedOnce()
            throws Exception {
        String title = "Before the hearing " + letters();
        String text = "Nobody believed me at first. " + UUID.randomUUID();
        String name = "Ana " + letters() + "@example.org";
        String pseudonym = "Ana " + letters();
        SharedDevstack.PERSONAL.addAll(List.of(title, text, name, pseudonym));
        open("/share.html");
        page.findElement(By.id("title")).sendKeys(title);
        page.findElement(By.id("text")).sendKeys(text);
        page.findElement(By.id("named-pseudonym")).click();
        page.findElement(By.id("name")).sendKeys(name);
        shareIt();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
        assertThat(error.getText()).isEqualTo("Name to show: must not hold an email address, handle, web address or "
                + "phone number: it is shown to the public");
        WebElement field = page.findElement(By.id("name"));
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getDomAttribute("aria-describedby")).isEqualTo("name-error");
        assertThat(page.switchTo().activeElement()).as("the focus moves to the name").isEqualTo(field);
        assertThat(page.findElement(By.cssSelector("[data-error]")).getText())
                .isEqualTo("Nothing was saved. Please check the marked fields.");
        assertThat(page.findElements(By.cssSelector("[data-field-error]:not([hidden])"))).as("only the name is marked")
                .containsExactly(error);
        assertThat(page.findElement(By.cssSelector("[data-done]")).isDisplayed()).as("no private link").isFalse();

        field.clear();
        field.sendKeys(pseudonym);
        shareIt();

        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-manage-link]")))
                .getText();
        assertThat(field.getDomAttribute("aria-invalid")).as("the mark is gone").isNull();
        assertThat(field.getDomAttribute("aria-describedby")).isNull();
        assertThat(page.findElement(By.id("name-error")).getDomAttribute("hidden")).isNotNull();
        assertThat(page.findElement(By.cssSelector("[data-error]")).getDomProperty("textContent")).isEmpty();
        // the refused submission stored nothing: the moderators' queue holds the story once, as corrected
        assertThat(queue().stream().filter(story -> title.equals(story.get("title"))).count()).isEqualTo(1);
        Shared shared = new Shared(null, link.substring(link.indexOf('#') + 1), text);
        assertThat(managed(shared)).containsEntry("namedAs", "pseudonym").containsEntry("name", pseudonym)
                .containsEntry("title", title);
    }

    @Test
    void anEmailWithoutConsentIsMarkedAtTheConsentBoxAndConsentWithoutAnEmailAtTheAddressBeforeAnythingIsSent() {
        String email = "author-" + UUID.randomUUID() + "@example.org";
        SharedDevstack.PERSONAL.add(email);
        open("/share.html");
        page.findElement(By.id("text")).sendKeys("What I want people to know. " + UUID.randomUUID());
        page.findElement(By.id("contactEmail")).sendKeys(email);
        shareIt();

        WebElement consentError = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.id("contactConsent-error")));
        assertThat(consentError.getText()).isEqualTo("You may contact me about my story: must be ticked for us to use "
                + "your email address, or leave the address out");
        WebElement consent = page.findElement(By.id("contactConsent"));
        assertThat(consent.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(consent.getDomAttribute("aria-describedby")).isEqualTo("contactConsent-error");
        assertThat(page.switchTo().activeElement()).isEqualTo(consent);
        assertThat(page.findElement(By.cssSelector("[data-error]")).getText())
                .isEqualTo("Nothing was saved. Please check the marked fields.");

        consent.click();
        page.findElement(By.id("contactEmail")).clear();
        shareIt();

        WebElement emailError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contactEmail-error")));
        assertThat(emailError.getText()).isEqualTo("Email address: is needed when you tick the box to be contacted");
        WebElement address = page.findElement(By.id("contactEmail"));
        assertThat(address.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.switchTo().activeElement()).isEqualTo(address);
        assertThat(consentError.isDisplayed()).as("the earlier mark is cleared").isFalse();
        assertThat(consent.getDomAttribute("aria-invalid")).isNull();
        assertThat(consent.getDomAttribute("aria-describedby")).isNull();
        Object sent = browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === '/api/stories').length");
        assertThat(sent).as("requests to share the story").isEqualTo(0L);
    }

    @Test
    void theSharePageSaysWhatIsMissingInSpanishAndAgainInEnglishAfterTheSwitch() {
        open("/share.html");
        page.findElement(By.cssSelector("[data-lang-toggle]")).click();
        assertThat(page.findElement(By.cssSelector("label[for=contactConsent]")).getText())
                .isEqualTo("Pueden contactarme sobre mi historia");
        shareIt();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("text-error")));
        assertThat(error.getText()).isEqualTo("Tu historia: está vacía; escríbela antes de enviarla");
        assertThat(page.findElement(By.cssSelector("[data-error]")).getText())
                .isEqualTo("No se guardó nada. Revisa los campos marcados.");
        WebElement text = page.findElement(By.id("text"));
        assertThat(page.switchTo().activeElement()).isEqualTo(text);
        assertThat(text.getDomAttribute("aria-describedby")).isEqualTo("text-hint text-count text-error");

        page.findElement(By.cssSelector("[data-lang-toggle]")).click();
        assertThat(error.getText()).isEqualTo("Your story: is empty; please write it before you send it");
        assertThat(page.findElement(By.cssSelector("[data-error]")).getText())
                .isEqualTo("Nothing was saved. Please check the marked fields.");
    }

    @Test
    void theSharePageWithAFieldErrorFromTheServiceMeetsWcag22Aa() {
        String text = "It took me a long time to say it out loud. " + UUID.randomUUID();
        SharedDevstack.PERSONAL.add(text);
        open("/share.html");
        page.findElement(By.id("text")).sendKeys(text);
        // one theme more than a story may suggest: the page leaves the count to the service
        List.of("healing", "justice", "speaking-up", "workplace", "campus", "family")
                .forEach(theme -> page.findElement(By.id("t-" + theme)).click());
        shareIt();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("themes-error")));
        assertThat(error.getText()).isEqualTo("What is your story about? (optional): must hold at most 5 themes");
        assertThat(page.findElement(By.cssSelector("[data-themes]")).getDomAttribute("aria-describedby"))
                .isEqualTo("themes-error");
        assertThat(page.switchTo().activeElement()).as("the first theme ticked")
                .isEqualTo(page.findElement(By.id("t-healing")));

        Results results = new AxeBuilder().withTags(WCAG).analyze(page);
        assertThat(results.getViolations()).as("WCAG violations on the share page: %s",
                results.getViolations().stream().map(Rule::getId).toList()).isEmpty();
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void anAuthorWhoGoesAnonymousOnThePublishedStoryHasTheirPseudonymTakenOffAtOnce() throws Exception {
        String pseudonym = "Marisol " + letters();
        Shared story = share(Map.of("namedAs", "pseudonym", "name", pseudonym));
        publish(story.id());
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> "pseudonym".equals(publicStory(story.id()).get("namedAs")));
        assertThat(publicStory(story.id()).get("byline")).isEqualTo(pseudonym);

        openManageLink(story);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Published"));
        assertThat(page.findElement(By.id("named-pseudonym")).isSelected()).isTrue();
        assertThat(page.findElement(By.id("name")).getDomProperty("value")).isEqualTo(pseudonym);
        assertThat(page.findElement(By.id("naming-hint")).getText()).isEqualTo("Going anonymous takes your name off "
                + "at once. Other changes to a published story are read by a moderator before they appear.");
        page.findElement(By.id("named-anonymous")).click();
        assertThat(page.findElement(By.id("name")).isDisplayed()).as("no name to fill in when anonymous").isFalse();
        save();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-edit-status]"),
                "Saved. Your name has been taken off your story."));
        // no moderator was involved: the public copy lost the name with the save
        Map<String, Object> published = publicStory(story.id());
        assertThat(published).containsEntry("namedAs", "anonymous").containsEntry("byline", "Anonymous");
        assertThat(JSON.writeValueAsString(published)).doesNotContain(pseudonym);
        assertThat(managed(story)).containsEntry("namedAs", "anonymous");
    }

    @Test
    void aNameHoldingAnEmailAddressIsRefusedUnderTheNameFieldAndNothingChanges() throws Exception {
        Shared story = share(Map.of());
        String name = "Ana " + letters() + "@example.org";
        SharedDevstack.PERSONAL.add(name);
        openManageLink(story);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.findElement(By.id("named-anonymous")).isSelected()).isTrue();

        page.findElement(By.id("named-pseudonym")).click();
        page.findElement(By.id("name")).sendKeys(name);
        page.findElement(By.id("text")).sendKeys(" And one more thing.");
        save();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
        assertThat(error.getText()).isEqualTo("Name to show: must not hold an email address, handle, web address or "
                + "phone number: it is shown to the public");
        WebElement field = page.findElement(By.id("name"));
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getDomAttribute("aria-describedby")).contains("name-error");
        assertThat(page.switchTo().activeElement()).as("the focus moves to the name").isEqualTo(field);
        assertThat(page.findElement(By.cssSelector("[data-edit-status]")).getText())
                .isEqualTo("Nothing was saved. Please check the marked fields.");
        Map<String, Object> managed = managed(story);
        assertThat(managed).containsEntry("namedAs", "anonymous").containsEntry("text", story.text());
        assertThat(managed.get("name")).isNull();
    }

    @Test
    void themesAnAuthorChoosesOnTheManagePageAreSaved() throws Exception {
        Shared story = share(Map.of("themes", List.of("healing")));
        openManageLink(story);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.findElement(By.id("t-healing")).isSelected()).isTrue();

        page.findElement(By.id("t-healing")).click();
        page.findElement(By.id("t-justice")).click();
        page.findElement(By.id("t-support")).click();
        save();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-edit-status]"), "Saved."));
        assertThat(managed(story).get("suggestedThemes")).isEqualTo(List.of("justice", "support"));
        assertThat(page.findElement(By.id("t-justice")).isSelected()).as("the page shows what was saved").isTrue();
        assertThat(page.findElement(By.id("t-healing")).isSelected()).isFalse();
    }

    @Test
    void theManagePageOffersNamingAndThemesInSpanishAndKeepsAnUnsavedChoiceAcrossTheSwitch() throws Exception {
        Shared story = share(Map.of("themes", List.of("support")));
        openManageLink(story);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        page.findElement(By.id("named-first-name")).click();
        page.findElement(By.id("t-family")).click();

        page.findElement(By.cssSelector("[data-lang-toggle]")).click();

        assertThat(page.findElement(By.cssSelector("[data-naming] legend")).getText())
                .isEqualTo("¿Cómo quieres que te nombremos?");
        assertThat(page.findElement(By.cssSelector("label[for=named-anonymous]")).getText()).isEqualTo("Anónimo");
        assertThat(page.findElement(By.cssSelector("label[for=name]")).getText()).isEqualTo("Nombre a mostrar");
        assertThat(page.findElement(By.cssSelector("[data-themes] legend")).getText())
                .isEqualTo("¿De qué trata tu historia? (opcional)");
        assertThat(page.findElement(By.cssSelector("label[for=t-healing]")).getText()).isEqualTo("sanación");
        assertThat(page.findElement(By.id("naming-hint")).getText()).startsWith("Si eliges el anonimato");
        assertThat(page.findElement(By.id("named-first-name")).isSelected()).isTrue();
        assertThat(page.findElement(By.id("t-family")).isSelected()).isTrue();
        assertThat(page.findElement(By.id("t-support")).isSelected()).isTrue();
    }

    @Test
    void theManagePageWithItsNamingThemesAndAFieldErrorMeetsWcag22Aa() throws Exception {
        Shared story = share(Map.of("namedAs", "first-name", "name", "Inés " + letters(), "themes", List.of("campus")));
        openManageLink(story);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        page.findElement(By.id("name")).clear();
        save();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));

        Results results = new AxeBuilder().withTags(WCAG).analyze(page);
        assertThat(results.getViolations()).as("WCAG violations on the manage page: %s",
                results.getViolations().stream().map(Rule::getId).toList()).isEmpty();
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy"));
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
        // the signed token came in the fragment and left the address (and this history entry) as the page read it
        assertThat(page.getCurrentUrl()).isEqualTo(devstack.gatewayUrl() + "/subscription.html");
        page.findElement(By.cssSelector("[data-confirm-button]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"), "confirmed"));
        assertThat(page.findElement(By.cssSelector("[data-email]")).getText()).doesNotContain(email).contains("***");
    }

    @Test
    void theManageLinkLeavesTheAddressAtOnceAndThePastedLinkOrCodeOpensTheStoryAgain() throws Exception {
        Shared story = share(Map.of());
        openManageLink(story);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.getCurrentUrl()).isEqualTo(devstack.gatewayUrl() + "/manage.html");
        assertThat((String) ((JavascriptExecutor) page).executeScript("return location.href + JSON.stringify(history.state)"))
                .doesNotContain(story.manageToken());

        // a reload has nothing to open: the page asks for the link, and takes it whole or as the bare code
        page.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-open]")));
        assertThat(page.findElement(By.cssSelector("[data-story]")).isDisplayed()).isFalse();
        page.findElement(By.id("code")).sendKeys("  " + devstack.gatewayUrl() + "/manage.html#" + story.manageToken() + " ");
        page.findElement(By.cssSelector("[data-open] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.findElement(By.id("text")).getAttribute("value")).isEqualTo(story.text());
        assertThat(page.findElement(By.cssSelector("[data-open]")).isDisplayed()).isFalse();
        assertThat(page.findElement(By.id("code")).getAttribute("value")).as("the field forgets the code").isEmpty();

        page.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-open]")));
        page.findElement(By.id("code")).sendKeys(story.manageToken().substring(1));
        page.findElement(By.cssSelector("[data-open] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-status]"),
                "does not open a story"));
        assertThat(page.findElement(By.cssSelector("[data-open]")).isDisplayed()).isTrue();
        page.findElement(By.id("code")).sendKeys(story.manageToken());
        page.findElement(By.cssSelector("[data-open] button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-state]"), "Waiting for a moderator"));
        assertThat(page.getCurrentUrl()).isEqualTo(devstack.gatewayUrl() + "/manage.html");
    }

    @Test
    void shiftPressedThreeTimesWhileTypingAStoryBlanksThePageLeavesAndBackDoesNotReturnToChorus() {
        page.get("about:blank");
        long before = historyLength();
        open("/");
        follow("Share your story");
        WebElement text = page.findElement(By.id("text"));
        text.sendKeys("Nobody knows I am writing this");
        shift(text);
        shift(text);
        // two presses: two dots lit and a status a screen reader announces, and still here
        assertThat(page.findElements(By.cssSelector(".quick-exit-presses span.on"))).hasSize(2);
        assertThat(page.findElement(By.cssSelector(".quick-exit-box [role=status]")).getDomProperty("textContent"))
                .isEqualTo("Shift pressed twice. Press it once more to leave this site.");
        assertThat(page.getCurrentUrl()).endsWith("/share.html");

        // what the page showed as it went, written down where this tab can read it when it comes back to Chorus
        browser.script("addEventListener('pagehide', () => sessionStorage.setItem('seen', JSON.stringify({"
                + "blank: getComputedStyle(document.querySelector('main')).display === 'none'"
                + " && getComputedStyle(document.querySelector('.quick-exit-box')).display === 'none',"
                + "text: document.getElementById('text').value, title: document.title })))");
        shift(text);
        wait.until(driver -> !driver.getCurrentUrl().startsWith(devstack.gatewayUrl()));
        assertThat(page.getCurrentUrl()).startsWith("https://www.google.com/");
        assertThat(historyLength()).as("Chorus's one entry was replaced by the neutral page").isEqualTo(before + 1);
        page.navigate().back();
        wait.until(driver -> driver.getCurrentUrl().equals("about:blank"));

        open("/");
        assertThat(browser.script("return sessionStorage.getItem('seen')"))
                .isEqualTo("{\"blank\":true,\"text\":\"\",\"title\":\"\"}");
    }

    @Test
    void escapeNeverLeavesAndTheStoryBeingTypedStays() {
        open("/share.html");
        WebElement text = page.findElement(By.id("text"));
        text.sendKeys("I pressed escape to close the suggestions");
        text.sendKeys(Keys.ESCAPE);
        page.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

        assertThat(page.getCurrentUrl()).endsWith("/share.html");
        assertThat(text.getDomProperty("value")).isEqualTo("I pressed escape to close the suggestions");
    }

    @Test
    void shiftUsedForCapitalsOrPressesBrokenByTypingNeverLeave() {
        open("/share.html");
        WebElement text = page.findElement(By.id("text"));
        Actions keys = new Actions(page);
        for (String word : List.of("I", "WAS", "THERE")) {
            keys.keyDown(text, Keys.SHIFT).sendKeys(word.toLowerCase()).keyUp(Keys.SHIFT).sendKeys(" ").perform();
        }
        shift(text);
        shift(text);
        text.sendKeys("a");
        shift(text);

        assertThat(page.getCurrentUrl()).endsWith("/share.html");
        assertThat(text.getDomProperty("value")).isEqualTo("I WAS THERE a");
        assertThat(page.findElements(By.cssSelector(".quick-exit-presses span.on"))).as("the count restarted").hasSize(1);
    }

    @Test
    void movingAroundTheSiteKeepsOneEntryInTheHistorySoBackLeavesChorus() {
        page.get("about:blank");
        long before = historyLength();
        open("/");
        follow("Read stories");
        assertThat(page.findElement(By.cssSelector("header.site nav a[aria-current=page]")).getText())
                .isEqualTo("Read stories");
        follow("Find help");
        follow("Browsing safely");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Browsing safely");

        assertThat(historyLength()).isEqualTo(before + 1);
        page.navigate().back();
        wait.until(driver -> driver.getCurrentUrl().equals("about:blank"));
    }

    @Test
    void theShareFormAsksBeforeUnsentTextIsDiscardedButNeverOnTheQuickExit() {
        open("/share.html");
        assertThat(leavingIsQuestioned()).as("nothing typed").isFalse();
        WebElement text = page.findElement(By.id("text"));
        text.sendKeys("Half of what I wanted to say");

        // Chromium asks "leave the page?" when a page cancels beforeunload (checked by hand over its devtools
        // protocol: ChromeDriver neither shows that question as an alert nor lets a test answer it)
        assertThat(leavingIsQuestioned()).as("unsent text").isTrue();
        assertThat(browser.script("return localStorage.length + sessionStorage.length")).as("no draft is kept")
                .isEqualTo(1L);

        page.findElement(By.cssSelector("[data-quick-exit]")).click();
        wait.until(driver -> !driver.getCurrentUrl().startsWith(devstack.gatewayUrl()));
    }

    /** Whether the page holds the browser back from leaving it, as the browser's own beforeunload event would. */
    private boolean leavingIsQuestioned() {
        return (Boolean) browser.script(
                "const event = new Event('beforeunload', { cancelable: true }); dispatchEvent(event); return event.defaultPrevented");
    }

    @Test
    void theBrowsingSafelyPageIsInSpanishAndTheLanguageChoiceLeavesNothingOnTheDevice() {
        open("/safety.html");
        page.findElement(By.cssSelector("[data-lang-toggle]")).click();

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Navegar con seguridad");
        assertThat(page.findElement(By.cssSelector("[data-i18n=manageTitle]")).getText()).isEqualTo("Tu enlace privado");
        assertThat(page.findElement(By.cssSelector("[data-quick-exit]")).getText()).isEqualTo("Salir rápido de este sitio");
        assertThat(page.findElement(By.cssSelector(".quick-exit-hint")).getText()).isEqualTo("o pulsa Mayúsculas 3 veces");
        follow("Leer historias");
        assertThat(page.findElement(By.tagName("h1")).getText()).as("the choice holds for the tab").isEqualTo("Leer historias");
        assertThat(browser.script("return localStorage.length + document.cookie.length")).isEqualTo(0L);
    }

    @Test
    void theSiteHasAnIconOfItsOwn() throws Exception {
        HttpResponse<byte[]> icon = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/favicon.ico"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(icon.statusCode()).isEqualTo(200);
        // an ICO file starts with reserved 0, type 1 (icon)
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
    }

    private static long storyCount() throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + devstack.ports().postgres()
                + "/chorus_stories", "postgres", "postgres");
             var rows = db.createStatement().executeQuery("select count(*) from story")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long historyLength() {
        return (Long) browser.script("return history.length");
    }

    /** Clicks a link the way a reader does and waits for the page it leads to. */
    private void follow(String linkText) {
        WebElement link = page.findElement(By.linkText(linkText));
        String target = link.getDomProperty("href");
        link.click();
        wait.until(driver -> driver.getCurrentUrl().equals(target));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-hotlines] li, [data-hotlines] p")));
    }

    /** Shift pressed and released on its own, in the field the reader is typing in. */
    private void shift(WebElement field) {
        new Actions(page).keyDown(field, Keys.SHIFT).keyUp(Keys.SHIFT).perform();
    }

    /**
     * A story and its manage token, shared the way share.html sends it but straight to stories-service: the writes
     * through the gateway are kept for what the pages themselves do, under the gateway's limit on anonymous writes.
     */
    private record Shared(String id, String manageToken, String text) {
    }

    private static Shared share(Map<String, Object> naming) throws Exception {
        String text = "I told my sister first, years later. " + UUID.randomUUID();
        SharedDevstack.PERSONAL.add(text);
        if (naming.get("name") instanceof String name) {
            SharedDevstack.PERSONAL.add(name);
        }
        Map<String, Object> submission = new HashMap<>(naming);
        submission.putAll(Map.of("text", text, "language", "en", "consents", Map.of("publishOnSite", true)));
        Map<String, Object> answer = send(HttpRequest.newBuilder(stories("/api/stories"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(submission))), 201);
        return new Shared((String) answer.get("id"), (String) answer.get("manageToken"), text);
    }

    /** What a moderator does in the portal, through the admin API with a real moderator token. */
    private static void publish(String id) throws Exception {
        String token = DevUsers.accessToken(devstack.keycloak(), "moderator");
        Object version = send(HttpRequest.newBuilder(stories("/api/admin/stories/" + id))
                .header("Authorization", "Bearer " + token).GET(), 200).get("version");
        send(HttpRequest.newBuilder(stories("/api/admin/stories/" + id + "/publication"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}")), 200);
    }

    /** The story as the public reads it, through the gateway. */
    private static Map<String, Object> publicStory(String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/api/stories/" + id)).GET(), 200);
    }

    /** The story as its author reads it with the manage token, through the gateway. */
    private static Map<String, Object> managed(Shared story) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/api/stories/manage"))
                .header("X-Manage-Token", story.manageToken()).GET(), 200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpRequest built = request.timeout(WAIT).build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", built.method(), built.uri().getPath()).isEqualTo(expected);
        return JSON.readValue(response.body(), Map.class);
    }

    private static URI stories(String path) {
        return URI.create("http://127.0.0.1:" + devstack.ports().stories() + path);
    }

    /** A name no other test and no log line holds by chance: letters only, as a name may not hold a phone number. */
    private static String letters() {
        return ThreadLocalRandom.current().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The moderators' queue of stories waiting to be read, oldest first, straight from stories-service. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> queue() throws Exception {
        String token = DevUsers.accessToken(devstack.keycloak(), "moderator");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stories("/api/admin/stories?limit=200"))
                .header("Authorization", "Bearer " + token).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /api/admin/stories").isEqualTo(200);
        return JSON.readValue(response.body(), List.class);
    }

    private void shareIt() {
        page.findElement(By.cssSelector("[data-share] button[type=submit]")).click();
    }

    private void openManageLink(Shared story) {
        page.get(devstack.gatewayUrl() + "/manage.html#" + story.manageToken());
    }

    private void save() {
        page.findElement(By.cssSelector("[data-edit] button[type=submit]")).click();
    }

    private void open(String path) {
        page.get(devstack.gatewayUrl() + path);
    }
}
