package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's help-directory and campaign screens in a real browser, signed in through the real Keycloak as the dev
 * users holding {@code resource-editor} and {@code campaign-manager}: what each of them does, checked on the page and
 * where it lands (the public directory API, the devstack's SMTP capture), and WCAG 2.2 AA on every screen.
 */
class StaffToolsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Devstack devstack;
    private Browser chromium;
    private WebDriver page;
    private WebDriverWait wait;

    @BeforeAll
    static void startThePlatform() {
        devstack = SharedDevstack.get();
    }

    @BeforeEach
    void aFreshBrowser() {
        chromium = Browser.start();
        page = chromium.driver();
        wait = new WebDriverWait(page, WAIT);
    }

    @AfterEach
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void resourceEditorCreatesAServiceClosesItForNowReopensItAndMarksItVerified() throws Exception {
        signIn("editor");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-directory] h2"), "Help directory"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-directory-list] tbody tr")));
        assertThat(page.findElement(By.cssSelector("[data-campaigns]")).getText())
                .as("a resource editor is not shown the campaign tools").isEmpty();
        assertMeetsWcag("the directory list");

        page.findElement(By.xpath("//section[@data-directory]//button[.='New service']")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-service-form]")));
        String name = "DEMO Portal counselling " + UUID.randomUUID();
        fillService(form, name, "10001");
        new Select(control(form, "Kind of place")).selectByValue("confidential");
        assertThat(form.findElement(By.cssSelector("[data-confidential-note]")).getText())
                .contains("never shown to the public");
        new Select(control(form, "Kind of place")).selectByValue("physical");
        assertMeetsWcag("the new-service form");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-editor-status]"), "Saved"));
        String id = rowOf(name).getAttribute("data-service-id");
        assertThat(rowOf(name).findElement(By.cssSelector("[data-status]")).getText()).isEqualTo("Open");
        assertThat(publicService(id).path("name").asString()).isEqualTo(name);

        String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        page.findElement(By.xpath("//section[@data-directory-editor]//summary[.='Close temporarily']")).click();
        WebElement editor = page.findElement(By.cssSelector("[data-directory-editor]"));
        control(editor, "Reason (shown to the public)").sendKeys("Moving to a new office");
        chromium.script("arguments[0].value = arguments[1]", control(editor, "Expected to reopen on (optional)"), until);
        assertMeetsWcag("the service editor");
        page.findElement(By.xpath("//section[@data-directory-editor]//details//button[.='Close temporarily']")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-editor-state]"),
                "Status: Temporarily closed."));
        assertThat(page.findElement(By.cssSelector("[data-editor-state]")).getText())
                .contains("Moving to a new office", "until " + until);
        wait.until(driver -> "Temporarily closed".equals(rowOf(name).findElement(By.cssSelector("[data-status]")).getText()));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode shown = publicService(id);
            assertThat(shown.path("status").asString()).isEqualTo("temporarily closed");
            assertThat(shown.path("closure_reason").asString()).isEqualTo("Moving to a new office");
            assertThat(shown.path("closed_until").asString()).isEqualTo(until);
        });

        page.findElement(By.xpath("//section[@data-directory-editor]//button[.='Reopen']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-editor-state]"), "Status: Open."));
        wait.until(driver -> "Open".equals(rowOf(name).findElement(By.cssSelector("[data-status]")).getText()));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode shown = publicService(id);
            assertThat(shown.path("status").asString()).isEqualTo("active");
            assertThat(shown.has("closure_reason")).isFalse();
        });

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        page.findElement(By.xpath("//section[@data-directory-editor]//button[.='Mark verified today']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-editor-state]"),
                "Last verified: " + today));
        assertThat(rowOf(name).getText()).contains(today);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(publicService(id).path("last_verified").asString()).isEqualTo(today));
        assertKeptToItsCsp();
    }

    @Test
    void aServiceNameWithMarkupShowsAsTextAndTheServicesFieldErrorShowsNextToTheField() {
        signIn("editor");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//section[@data-directory]//button[.='New service']")))
                .click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-service-form]")));
        String name = "DEMO <script>window.portalHacked = true</script><img src=x onerror=\"window.portalHacked = true\"> "
                + UUID.randomUUID();
        fillService(form, name, "1000");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement zip = control(form, "ZIP code");
        wait.until(ExpectedConditions.attributeToBe(zip, "aria-invalid", "true"));
        WebElement error = form.findElement(By.cssSelector("[data-field='locations[0].postal_code'] + .error"));
        assertThat(error.getText()).isEqualTo("must be a five-digit US ZIP code");
        assertThat(zip.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        assertThat(page.switchTo().activeElement()).as("the field to correct has the focus").isEqualTo(zip);
        assertThat(page.findElement(By.cssSelector("[data-editor-status]")).getText()).contains("postal_code");
        assertMeetsWcag("the form showing a field error");

        zip.clear();
        zip.sendKeys("10001");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-editor-status]"), "Saved"));
        assertThat(page.findElement(By.cssSelector("[data-directory-editor] h3")).getText()).isEqualTo("Edit: " + name);
        assertThat(rowOf(name).findElement(By.cssSelector("button")).getText()).isEqualTo(name);
        assertThat(chromium.script("return document.querySelectorAll('main script, main img').length"))
                .as("the markup in the name was never made into elements").isEqualTo(0L);
        assertThat(chromium.script("return window.portalHacked === undefined")).isEqualTo(true);
    }

    @Test
    void campaignManagerComposesADraftPreviewsItAndGetsATestMail() throws Exception {
        signIn("campaigns");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-campaigns] h2"), "Email campaigns"));
        assertThat(page.findElement(By.cssSelector("[data-directory]")).getText())
                .as("a campaign manager is not shown the directory tools").isEmpty();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-campaign-list] tbody tr")));
        assertMeetsWcag("the campaign list");

        page.findElement(By.xpath("//section[@data-campaigns]//button[.='New campaign']")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-campaign-form]")));
        WebElement english = form.findElement(By.cssSelector("[data-field='variants.en']"));
        String subject = "Ten years of speaking out " + UUID.randomUUID();
        control(english, "Subject").sendKeys(subject);
        control(english, "Content-warning line (optional)").sendKeys("Mentions sexual violence");
        WebElement body = control(english, "Body (Markdown)");
        body.sendKeys("# Ten years\n\nWe are <b>still</b> here.");
        form.findElement(By.xpath(".//button[.='Preview']")).click();

        // raw HTML is refused by notifications-service, and the answer is shown at the body
        wait.until(ExpectedConditions.attributeToBe(body, "aria-invalid", "true"));
        assertThat(form.findElement(By.cssSelector("[data-field='variants.en.body'] + .error")).getText())
                .contains("raw HTML is not allowed");
        assertMeetsWcag("the campaign form showing a field error");

        body.clear();
        body.sendKeys("# Ten years\n\nWe are still here. [Find help](https://example.org/help)");
        form.findElement(By.xpath(".//button[.='Preview']")).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-preview-language=en]")));
        assertThat(preview.getText()).contains(subject, "Mentions sexual violence", "Ten years", "We are still here.");
        assertThat(preview.findElement(By.cssSelector("a")).getAttribute("href")).isEqualTo("https://example.org/help");
        assertThat(body.getAttribute("aria-invalid")).isNull();

        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-campaign-status]"), "Saved."));
        assertThat(page.findElement(By.cssSelector("[data-campaign-desk] h3")).getText())
                .isEqualTo("Anniversary campaign: draft");
        // the list names the campaign by its subject
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-campaign-list] tbody"), subject));
        assertMeetsWcag("a saved draft with its controls");

        String email = "campaign-staff-" + UUID.randomUUID() + "@example.org";
        SharedDevstack.PERSONAL.add(email);
        WebElement testSend = page.findElement(By.cssSelector("[data-test-send]"));
        control(testSend, "Send a test to").sendKeys(email);
        testSend.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-campaign-status]"),
                "Test mail sent to"));
        assertThat(page.findElement(By.cssSelector("[data-campaign-status]")).getText()).doesNotContain(email);

        await().atMost(WAIT).until(() -> !devstack.smtp().receivedBy(email).isEmpty());
        MimeMessage mail = devstack.smtp().receivedBy(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("[TEST] " + subject);
        assertKeptToItsCsp();
    }

    @Test
    void resourceEditorExportsTheDirectoryAsCsvImportsItBackAndReadsARejectedFileRowByRow() throws Exception {
        signIn("editor");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-import-file]")));
        assertThat(page.findElement(By.cssSelector("[data-export-csv]")).getDomAttribute("href"))
                .isEqualTo("/api/admin/resources/export/csv");
        assertThat(page.findElement(By.cssSelector("[data-export-json]")).getDomAttribute("href"))
                .isEqualTo("/api/admin/resources/export");
        assertThat(page.findElement(By.cssSelector("[data-export-hsds]")).getDomAttribute("href"))
                .isEqualTo("/api/admin/resources/hsds/export/csv");

        // a new service's coordinates come from its ZIP code's centre, shipped with resources-service
        page.findElement(By.xpath("//section[@data-directory]//button[.='New service']")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-service-form]")));
        control(form, "ZIP code").sendKeys("10001");
        form.findElement(By.cssSelector("[data-fill-from-zip]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-zip-status]"), "ZIP 10001"));
        assertThat(control(form, "Latitude").getDomProperty("value")).startsWith("40.75");
        assertThat(control(form, "Longitude").getDomProperty("value")).startsWith("-73.99");

        // the CSV export, fetched as the link fetches it (the session cookie), is a ZIP that imports back as it is
        String zip = (String) ((org.openqa.selenium.JavascriptExecutor) page).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/admin/resources/export/csv', {credentials: 'same-origin'})
                  .then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
                  .then(b => { let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); },
                        e => done('failed ' + e));""");
        assertThat(zip).doesNotStartWith("failed");
        java.nio.file.Path exported = java.nio.file.Files.createTempFile("chorus-directory-", ".zip");
        java.nio.file.Files.write(exported, java.util.Base64.getDecoder().decode(zip));
        page.findElement(By.cssSelector("[data-import-file]")).sendKeys(exported.toAbsolutePath().toString());
        page.findElement(By.xpath("//form[@aria-labelledby='d-import-heading']//button[.='Import']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-import-status]"), "Imported:"));

        // a file with a faulty row saves nothing, and the report names the row and the field
        java.nio.file.Path faulty = java.nio.file.Files.createTempFile("chorus-directory-", ".json");
        java.nio.file.Files.writeString(faulty, "[{\"name\": \"\"}]");
        page.findElement(By.cssSelector("[data-import-file]")).sendKeys(faulty.toAbsolutePath().toString());
        page.findElement(By.xpath("//form[@aria-labelledby='d-import-heading']//button[.='Import']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-import-status]"),
                "Nothing was imported."));
        WebElement rows = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-import-rows] tbody")));
        assertThat(rows.getText()).contains("JSON 1 rejected").contains("is required");
        assertMeetsWcag("the directory with an import report");
        chromium.screenshot("portal-directory-import-report");
        assertKeptToItsCsp();
    }

    @Test
    void anAdminMovesBetweenSectionsEachAViewWithItsOwnAddressThatMeetsWcagOnADeskAndOnAPhone() throws Exception {
        signIn("admin");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-sections]")));
        List<String> sections = page.findElements(By.cssSelector("[data-sections] a")).stream()
                .map(WebElement::getText).toList();
        assertThat(sections).containsExactly("Moderation", "Help directory", "Campaigns", "Staff", "Audit log");
        assertThat(visibleSections()).as("one view at a time, moderation first").containsExactly("moderation");

        for (String view : List.of("moderation", "directory", "campaigns", "staff", "audit")) {
            page.get(devstack.gatewayUrl() + "/admin#/" + view);
            wait.until(driver -> visibleSections().equals(List.of(view)));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-" + view + "] h2")));
            assertThat(page.findElement(By.cssSelector("[data-sections] a[aria-current=page]")).getDomAttribute("href"))
                    .isEqualTo("#/" + view);
            for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(390, 844))) {
                page.manage().window().setSize(size);
                assertMeetsWcag(view + " at " + size.width + " px");
                assertThat((Long) chromium.script("return document.documentElement.scrollWidth"))
                        .as("%s at %s px wide scrolls sideways", view, size.width).isLessThanOrEqualTo(size.width);
                chromium.screenshot("portal-" + view + "-" + size.width);
            }
        }

        // the audit log shows what moderators did, newest first
        page.get(devstack.gatewayUrl() + "/admin#/audit");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-audit-log] thead")));
        assertThat(page.findElement(By.cssSelector("[data-audit-log] caption")).getText())
                .isEqualTo("Staff actions, newest first");

        // following a link in the navigation moves the focus to the view's heading
        page.findElement(By.linkText("Staff")).click();
        wait.until(driver -> visibleSections().equals(List.of("staff")));
        wait.until(driver -> "Staff".equals(driver.switchTo().activeElement().getText()));
        assertThat(page.getTitle()).isEqualTo("Staff · Chorus staff portal");
        assertKeptToItsCsp();
    }

    @Test
    void aCampaignsProgressBarFillsLiveWithCountsPerStateRateAndTimeLeft() throws Exception {
        // the audience is a topic and languages: help near me, in Spanish, is a pair no other end-to-end test
        // subscribes to, so this campaign mails this test's subscribers and nobody else's (checked below by its total)
        List<String> subscribers = new ArrayList<>();
        for (int i = 0; i < AUDIENCE; i++) {
            String email = "progress-" + i + "-" + UUID.randomUUID() + "@example.org";
            SharedDevstack.PERSONAL.add(email);
            subscribe(email);
            subscribers.add(email);
        }
        for (String email : subscribers) {
            confirm(email);
        }

        signIn("campaigns");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//section[@data-campaigns]//button[.='New campaign']")))
                .click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-campaign-form]")));
        new Select(control(form, "Topic (who receives it: subscribers to this topic)")).selectByValue("help-near-me");
        control(form, "English").click();
        control(form, "Spanish").click();
        String subject = "Diez años " + UUID.randomUUID();
        WebElement english = form.findElement(By.cssSelector("[data-field='variants.en']"));
        control(english, "Subject").sendKeys("Ten years");
        control(english, "Body (Markdown)").sendKeys("Ten years of speaking out.");
        WebElement spanish = form.findElement(By.cssSelector("[data-field='variants.es']"));
        control(spanish, "Subject").sendKeys(subject);
        control(spanish, "Body (Markdown)").sendKeys("Diez años alzando la voz.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-campaign-status]"), "Saved."));

        page.findElement(By.xpath("//section[@data-campaign-desk]//summary[.='Send now']")).click();
        page.findElement(By.xpath("//section[@data-campaign-desk]//button[.='Send to all subscribers now']")).click();
        WebElement bar = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-progress-bar]")));

        // what the page shows, read every quarter second until every mail is handled, without touching the page
        Set<Long> handledSeen = new TreeSet<>();
        boolean timeLeftSeen = false;
        boolean rateSeen = false;
        boolean axeWhileSending = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long handled = 0;
        while (handled < AUDIENCE && System.nanoTime() < deadline) {
            handled = Math.round(Double.parseDouble(bar.getDomProperty("value")));
            handledSeen.add(handled);
            String text = page.findElement(By.cssSelector("[data-progress-text]")).getText();
            if (handled > 0 && handled < AUDIENCE) {
                timeLeftSeen |= !page.findElements(By.cssSelector("[data-time-left]")).isEmpty() && text.contains("min left");
                rateSeen |= !text.contains(" at 0.0 mails per second");
                if (!axeWhileSending) {
                    assertMeetsWcag("a campaign's delivery while it sends");
                    chromium.screenshot("portal-campaign-progress-sending");
                    axeWhileSending = true;
                }
            }
            Thread.sleep(250);
        }
        assertThat(handled).as("every mail handled, the bar full").isEqualTo(AUDIENCE);
        assertThat(handledSeen).as("the bar moved through states between empty and full, without a reload")
                .anyMatch(value -> value > 0 && value < AUDIENCE);
        assertThat(timeLeftSeen).as("the time left was shown while it sent").isTrue();
        assertThat(rateSeen).as("the rate was shown while it sent").isTrue();
        wait.until(driver -> String.valueOf(AUDIENCE).equals(
                driver.findElement(By.cssSelector("[data-count=sent]")).getText()));
        assertThat(page.findElement(By.cssSelector("[data-count=total]")).getText())
                .as("only this test's subscribers were in the audience").isEqualTo(String.valueOf(AUDIENCE));
        assertThat(page.findElement(By.cssSelector("[data-count=queued]")).getText()).isEqualTo("0");
        assertThat(page.findElement(By.cssSelector("[data-count=failed]")).getText()).isEqualTo("0");
        assertThat(page.findElement(By.cssSelector("[data-progress-text]")).getText())
                .startsWith(AUDIENCE + " of " + AUDIENCE + " (100 %)");
        chromium.screenshot("portal-campaign-progress-done");
        for (String email : subscribers) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(devstack.smtp().receivedBy(email).stream()
                    .filter(mail -> subjectOf(mail).equals(subject)).count()).as("campaign mails to %s", email).isEqualTo(1));
        }

        // the same delivery report in Spanish: not a word of the English one is left
        Set<String> englishWords = wordsOf("campaigns");
        page.findElement(By.cssSelector("[data-lang-toggle]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-campaigns] h2"), "Campañas de correo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@data-campaign-list]//tr[td[contains(., '" + subject + "')]]//button"))).click();
        wait.until(driver -> String.valueOf(AUDIENCE).equals(
                driver.findElement(By.cssSelector("[data-count=sent]")).getText()));
        assertNoEnglishLeft(englishWords, wordsOf("campaigns"), "a campaign's delivery report");
        assertMeetsWcag("a campaign's delivery report in Spanish");
        assertKeptToItsCsp();
    }

    @Test
    void theDirectoryAndCampaignViewsSpeakSpanishWithNoEnglishStringLeft() {
        signIn("admin");
        String subject = "Draft " + UUID.randomUUID();
        Set<String> english = new HashSet<>(directoryWords());
        english.addAll(campaignWords(subject, true));

        page.findElement(By.cssSelector("[data-lang-toggle]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-lang-toggle]"), "English"));
        Set<String> spanish = new HashSet<>(directoryWords());
        assertThat(spanish).contains("Directorio de ayuda", "Nuevo servicio", "Consejería");
        assertMeetsWcag("the directory in Spanish");
        chromium.screenshot("portal-directory-es");
        assertNoEnglishLeft(english, spanish, "the directory");
        Set<String> spanishCampaigns = campaignWords(subject, false);
        assertThat(spanishCampaigns).contains("Campañas de correo", "Nueva campaña");
        assertMeetsWcag("the campaigns in Spanish");
        chromium.screenshot("portal-campaigns-es");
        assertNoEnglishLeft(english, spanishCampaigns, "the campaigns");
        assertKeptToItsCsp();
    }

    /** The directory's words: its list, a service being edited, and a new service with a phone and hours added. */
    private Set<String> directoryWords() {
        page.get(devstack.gatewayUrl() + "/admin#/directory");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-directory-list] tbody tr button.link")));
        Set<String> words = wordsOf("directory");
        page.findElement(By.cssSelector("[data-directory-list] tbody tr button.link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-editor-state]")));
        words.addAll(wordsOf("directory"));
        page.findElement(By.cssSelector("[data-directory] > p > button.primary")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-service-form]")));
        form.findElement(By.cssSelector("fieldset[data-field=phones] > button")).click();
        form.findElement(By.cssSelector("fieldset[data-field=schedules] > button")).click();
        words.addAll(wordsOf("directory"));
        return words;
    }

    /** The campaigns' words: the list, a new campaign's form and its preview, and a saved draft with its controls. */
    private Set<String> campaignWords(String subject, boolean create) {
        page.get(devstack.gatewayUrl() + "/admin#/campaigns");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-campaign-list] tbody tr")));
        Set<String> words = wordsOf("campaigns");
        page.findElement(By.cssSelector("[data-campaigns] > p > button.primary")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-campaign-form]")));
        form.findElement(By.cssSelector("[data-field='variants.en.subject']")).sendKeys(subject);
        form.findElement(By.cssSelector("[data-field='variants.en.body']")).sendKeys("A *draft*.");
        form.findElement(By.cssSelector("[data-campaign-form] > button.secondary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-preview-language=en]")));
        words.addAll(wordsOf("campaigns"));
        if (create) {
            form.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test-send]")));
        } else {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//table[@data-campaign-list]//tr[td[contains(., '" + subject + "')]]//button"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test-send]")));
        }
        words.addAll(wordsOf("campaigns"));
        return words;
    }

    /**
     * Every text of a view and every name it gives a control (aria-label, title, placeholder), hidden ones included,
     * except what is marked {@code translate="no"}: the staff's and the public's own words (names, subjects, reasons).
     */
    @SuppressWarnings("unchecked")
    private Set<String> wordsOf(String view) {
        return new HashSet<>((List<String>) chromium.script("""
                const texts = [];
                for (const node of document.querySelectorAll(arguments[0] + ' *')) {
                  if (node.closest('[translate=no]')) continue;
                  for (const child of node.childNodes) {
                    if (child.nodeType === Node.TEXT_NODE && /[A-Za-zÁÉÍÓÚáéíóúñÑ]{2}/.test(child.textContent)) {
                      texts.push(child.textContent.trim());
                    }
                  }
                  for (const name of ['aria-label', 'title', 'placeholder']) {
                    if (node.getAttribute(name)) texts.push(node.getAttribute(name));
                  }
                }
                return texts;""", "[data-" + view + "]"));
    }

    /** Words that read the same in both languages; any other English text in the Spanish view is a miss. */
    private static final Set<String> SAME_IN_BOTH = Set.of("total");

    private static void assertNoEnglishLeft(Set<String> english, Set<String> spanish, String view) {
        Set<String> left = new TreeSet<>(spanish);
        left.retainAll(english);
        left.removeAll(SAME_IN_BOTH);
        assertThat(left).as("English left in %s in Spanish", view).isEmpty();
    }

    private static final int AUDIENCE = 24;

    /** Subscribes straight at notifications-service (the gateway's rate limit is for the public, not a fixture). */
    private static void subscribe(String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("email", email, "language", "es", "topics", List.of("help-near-me"),
                "zip", "99950"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(notifications("/api/subscriptions"))
                .version(HttpClient.Version.HTTP_1_1).timeout(WAIT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** Confirms as the subscriber does: the token from the link in the mail, posted as the site's page posts it. */
    private static void confirm(String email) throws Exception {
        await().atMost(WAIT).until(() -> !devstack.smtp().receivedBy(email).isEmpty());
        Matcher link = Pattern.compile("/api/subscriptions/confirm\\?token=([A-Za-z0-9_.-]+)")
                .matcher(String.valueOf(devstack.smtp().receivedBy(email).get(0).getContent()));
        assertThat(link.find()).as("a confirmation link in the mail to %s", email).isTrue();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        notifications("/api/subscriptions/confirm?token=" + link.group(1)))
                .version(HttpClient.Version.HTTP_1_1).timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI notifications(String path) {
        return URI.create("http://127.0.0.1:" + devstack.ports().notifications() + path);
    }

    private List<String> visibleSections() {
        return page.findElements(By.cssSelector("main > section")).stream().filter(WebElement::isDisplayed)
                .map(section -> section.getDomAttribute("data-moderation") != null ? "moderation"
                        : section.getDomAttribute("data-directory") != null ? "directory"
                        : section.getDomAttribute("data-campaigns") != null ? "campaigns"
                        : section.getDomAttribute("data-staff") != null ? "staff" : "audit")
                .toList();
    }

    private void signIn(String user) {
        String portal = devstack.gatewayUrl() + "/admin";
        page.get(portal);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-sign-in]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(user);
        page.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(portal));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-staff-name]"), user));
    }

    private void fillService(WebElement form, String name, String zip) {
        control(form, "Name").sendKeys(name);
        control(form, "Description").sendKeys("Counselling for survivors, by appointment. Demo record.");
        control(form, "Organization name").sendKeys("DEMO Portal organization");
        control(form, "Counselling").click();
        control(form, "Street address").sendKeys("1 Demo Street");
        control(form, "City").sendKeys("New York");
        control(form, "State").sendKeys("NY");
        control(form, "ZIP code").sendKeys(zip);
        control(form, "Latitude").sendKeys("40.7506");
        control(form, "Longitude").sendKeys("-73.9972");
    }

    /** The control a label names, found as a person finds it: by the label's text. */
    private WebElement control(WebElement scope, String label) {
        String id = scope.findElement(By.xpath(".//label[normalize-space(.)='" + label + "']")).getAttribute("for");
        return page.findElement(By.id(id));
    }

    private WebElement rowOf(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@data-directory-list]//tr[td/button[contains(., '" + name.substring(name.length() - 36) + "')]]")));
    }

    private void assertMeetsWcag(String screen) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(page);
        assertThat(results.getViolations()).as("WCAG violations on %s: %s", screen,
                results.getViolations().stream().map(rule -> rule.getId() + " " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList()).toList()).isEmpty();
    }

    private void assertKeptToItsCsp() {
        assertThat(chromium.console()).as("the portal runs under its strict CSP without a violation")
                .noneMatch(line -> line.contains("Content Security Policy"));
    }

    private static JsonNode publicService(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(devstack.gatewayUrl() + "/api/resources/services/" + id)).version(HttpClient.Version.HTTP_1_1)
                        .timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
