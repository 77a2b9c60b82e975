package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The moderation desk at surge speed, in real browsers signed in through the real Keycloak: a moderator drives 100
 * stories through the waiting queue with the keyboard alone (publish, redact then publish, reject with a reason,
 * publish and feature, flag, skip) and the test reports the seconds per decision; urgent stories come first; two
 * moderators in two browsers are never handed the same story; the reading pane meets WCAG 2.2 AA on a desk and a phone.
 */
class ModerationSurgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int STORIES = 100;
    private static Devstack devstack;

    /** What the moderator does with a story, read from its title, and the key(s) that do it. */
    enum Kind { PUBLISH, REDACT, REJECT, FEATURE, FLAG, URGENT, SPAM }

    @BeforeAll
    static void startThePlatform() {
        devstack = SharedDevstack.get();
    }

    @Test
    void aModeratorDrivesAHundredStoriesThroughTheQueueWithTheKeyboardAlone() throws Exception {
        String run = word();
        Map<String, Kind> stories = new LinkedHashMap<>();
        for (int i = 0; i < STORIES; i++) {
            Kind kind = i % 25 == 3 ? Kind.URGENT : i % 10 == 1 ? Kind.REDACT : i % 10 == 2 ? Kind.REJECT
                    : i % 20 == 5 ? Kind.FEATURE : i % 20 == 7 ? Kind.FLAG : i % 20 == 9 ? Kind.SPAM : Kind.PUBLISH;
            String title = "Surge " + run + " " + i + " " + kind.name().toLowerCase();
            String text = switch (kind) {
                case REDACT -> "It was years ago. Write to me at " + run + i + "@example.org if it helps.";
                case URGENT -> "Some nights I want to die. I am telling this so someone reads it.";
                case SPAM -> "Cheap watches, best prices, click here " + i + ".";
                default -> "A story shared during the surge, number " + i + ".";
            };
            SharedDevstack.PERSONAL.add(text);
            stories.put(submit(title, text), kind);
        }

        try (Browser chromium = Browser.start()) {
            WebDriver page = chromium.driver();
            WebDriverWait wait = new WebDriverWait(page, WAIT);
            page.manage().window().setSize(new Dimension(1280, 900));
            signIn(page, wait, "moderator");
            page.get(devstack.gatewayUrl() + "/admin#/moderation");
            String first = wait.until(ModerationSurgeIT::inPane);
            assertThat(first).isNotEqualTo(EMPTY);

            List<String> handled = new ArrayList<>();
            Set<String> readingPaneChecked = new HashSet<>();
            int decisions = 0;
            int skips = 0;
            long started = System.nanoTime();
            while (decisions < STORIES) {
                String id = wait.until(ModerationSurgeIT::inPane);
                assertThat(id).as("the queue ran dry after %d decisions", decisions).isNotEqualTo(EMPTY);
                Kind kind = stories.get(id);
                if (kind == null) {
                    // a story another test left waiting: not this moderator's to decide here
                    skips++;
                    keys(page, "n");
                } else {
                    handled.add(id);
                    if (kind == Kind.REDACT && readingPaneChecked.add("redact")) {
                        long checking = System.nanoTime();
                        assertThat(page.findElements(By.cssSelector("[data-reading] mark.pii[data-kind=EMAIL]")))
                                .as("the address is highlighted in place").hasSize(1);
                        for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(390, 844))) {
                            page.manage().window().setSize(size);
                            assertMeetsWcag(page, "the reading pane at " + size.width + " px");
                            chromium.screenshot("portal-moderation-reading-pane-" + size.width);
                        }
                        page.manage().window().setSize(new Dimension(1280, 900));
                        // the accessibility check is not the moderator's time
                        started += System.nanoTime() - checking;
                    }
                    switch (kind) {
                        case PUBLISH, URGENT -> keys(page, "p");
                        case REDACT -> keys(page, "x", "p");
                        case FEATURE -> keys(page, "f");
                        case FLAG -> {
                            keys(page, "g");
                            wait.until(driver -> "radio".equals(driver.switchTo().activeElement().getDomAttribute("type")));
                            if (readingPaneChecked.add("flag")) {
                                assertMeetsWcag(page, "the reading pane asking why it is flagged");
                                chromium.screenshot("portal-moderation-flag-reason");
                            }
                            // the third reason the API accepts: a worry about someone's safety
                            keys(page, "3");
                        }
                        // marked for the sweep; the sweep itself (B) comes at the end
                        case SPAM -> keys(page, "m");
                        case REJECT -> {
                            keys(page, "r");
                            wait.until(driver -> "m-reason".equals(driver.switchTo().activeElement().getDomAttribute("id")));
                            new Actions(page).sendKeys("Off topic, sorry." + Keys.ENTER).perform();
                        }
                    }
                    decisions++;
                }
                wait.until(driver -> {
                    String now = inPane(driver);
                    return now != null && !now.equals(id);
                });
            }
            // the spam sweep, with its key: every story marked with M is rejected at once
            keys(page, "b");
            long spam = stories.values().stream().filter(kind -> kind == Kind.SPAM).count();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-notice]"),
                    "Rejected %d of %d as spam.".formatted(spam, spam)));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Moderation surge: %d decisions with the keyboard alone in %.1f s, %.2f s per decision"
                    + " (%d stories of other tests skipped)%n", decisions, seconds, seconds / decisions, skips);
            chromium.screenshot("portal-moderation-after-surge");

            // urgent stories were handed out before every other story of the run
            int lastUrgent = 0;
            int firstOther = Integer.MAX_VALUE;
            for (int i = 0; i < handled.size(); i++) {
                if (stories.get(handled.get(i)) == Kind.URGENT) lastUrgent = i;
                else firstOther = Math.min(firstOther, i);
            }
            assertThat(lastUrgent).as("urgent stories first").isLessThan(firstOther);
            assertThat(handled).as("every story of the run, once").hasSize(STORIES).doesNotHaveDuplicates();

            // each decision landed as the keys said
            for (Map.Entry<String, Kind> story : stories.entrySet()) {
                int status = publicStatus(story.getKey());
                switch (story.getValue()) {
                    case PUBLISH, URGENT, FEATURE -> assertThat(status).as("%s published", story).isEqualTo(200);
                    case REDACT -> {
                        assertThat(status).isEqualTo(200);
                        assertThat(publicStory(story.getKey()).get("text").asString())
                                .contains("[redacted]").doesNotContain("@example.org");
                    }
                    case REJECT, SPAM -> assertThat(status).as("%s not public", story).isEqualTo(404);
                    case FLAG -> {
                        assertThat(status).as("%s not public", story).isEqualTo(404);
                        assertThat(staffGet("/api/admin/stories/" + story.getKey()).get("openReportReasons").toString())
                                .as("the reason the moderator chose").isEqualTo("[\"SAFETY_CONCERN\"]");
                    }
                }
            }
            JsonNode stats = staffGet("/api/admin/stories/queue-stats");
            assertThat(stats.get("decisionsLastHour").toString()).contains("\"moderator\":\"moderator\"");
            assertThat(page.findElement(By.cssSelector("[data-queue-stats]")).getText()).contains("waiting");
            assertThat(page.findElement(By.cssSelector("aside.shortcuts")).getText())
                    .as("every key is listed on screen").contains("mark the story as spam", "the spam sweep", "1 to 5");
            assertThat(chromium.console()).noneMatch(line -> line.contains("Content Security Policy"));
            page.get("about:blank");
        }
    }

    @Test
    void twoModeratorsInTwoBrowsersAreNeverHandedTheSameStory() throws Exception {
        String run = word();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            mine.add(submit("Pair " + run + " " + i, "A story for two moderators, number " + i + "."));
        }
        try (Browser first = Browser.start(); Browser second = Browser.start()) {
            Map<String, WebDriver> pages = new HashMap<>(Map.of("moderator", first.driver(), "admin", second.driver()));
            for (Map.Entry<String, WebDriver> moderator : pages.entrySet()) {
                signIn(moderator.getValue(), new WebDriverWait(moderator.getValue(), WAIT), moderator.getKey());
                moderator.getValue().get(devstack.gatewayUrl() + "/admin#/moderation");
            }
            int decided = 0;
            Map<String, Set<String>> decidedBy = new HashMap<>(Map.of("moderator", new HashSet<>(), "admin", new HashSet<>()));
            for (int round = 0; round < 80 && decided < mine.size(); round++) {
                Map<String, String> shown = new HashMap<>();
                for (Map.Entry<String, WebDriver> moderator : pages.entrySet()) {
                    String id = new WebDriverWait(moderator.getValue(), WAIT).until(ModerationSurgeIT::inPane);
                    if (!EMPTY.equals(id)) {
                        shown.put(moderator.getKey(), id);
                    }
                }
                if (shown.size() == 2) {
                    assertThat(shown.get("moderator")).as("the two reading panes at the same moment")
                            .isNotEqualTo(shown.get("admin"));
                }
                // both press their key at the same moment: publish their own, or skip another test's story
                for (Map.Entry<String, String> moderator : shown.entrySet()) {
                    boolean ours = mine.contains(moderator.getValue());
                    keys(pages.get(moderator.getKey()), ours ? "p" : "n");
                    if (ours) {
                        decided++;
                        decidedBy.get(moderator.getKey()).add(moderator.getValue());
                    }
                }
                for (Map.Entry<String, String> moderator : shown.entrySet()) {
                    new WebDriverWait(pages.get(moderator.getKey()), WAIT).until(driver -> {
                        String now = inPane(driver);
                        return now != null && !now.equals(moderator.getValue());
                    });
                }
            }
            Set<String> both = new HashSet<>(decidedBy.get("moderator"));
            both.retainAll(decidedBy.get("admin"));
            assertThat(both).as("stories both moderators decided").isEmpty();
            assertThat(decidedBy.get("moderator")).as("each moderator had a share of the work").isNotEmpty();
            assertThat(decidedBy.get("admin")).as("each moderator had a share of the work").isNotEmpty();
            assertThat(decided).isEqualTo(mine.size());
            for (String id : mine) {
                assertThat(publicStatus(id)).as("story %s published once", id).isEqualTo(200);
            }
            // leaving the portal gives the story in the reading pane back to the queue
            pages.values().forEach(page -> page.get("about:blank"));
        }
    }

    @Test
    void thePortalSpeaksSpanishWhenAskedAndStillMeetsWcag() throws Exception {
        submit("Español " + word(), "Una historia para el portal en español.");
        try (Browser chromium = Browser.start()) {
            WebDriver page = chromium.driver();
            WebDriverWait wait = new WebDriverWait(page, WAIT);
            signIn(page, wait, "admin");
            page.findElement(By.cssSelector("[data-lang-toggle]")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-moderation] h2"), "Moderación"));
            assertThat(page.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("es");
            assertThat(page.findElement(By.cssSelector("[data-lang-toggle]")).getText()).isEqualTo("English");
            assertThat(page.findElements(By.cssSelector("[data-sections] a")).stream().map(WebElement::getText).toList())
                    .startsWith("Moderación", "Directorio de ayuda", "Campañas", "Equipo", "Registro de auditoría");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-story-title]")));
            assertThat(page.findElement(By.cssSelector("[data-desk] .actions")).getText()).contains("Publicar", "Rechazar");
            assertMeetsWcag(page, "moderation in Spanish");
            chromium.screenshot("portal-moderation-es");
            for (Map.Entry<String, String> view : Map.of("audit", "Registro de auditoría", "staff", "Equipo").entrySet()) {
                page.get(devstack.gatewayUrl() + "/admin#/" + view.getKey());
                wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-" + view.getKey() + "] h2"), view.getValue()));
                assertMeetsWcag(page, view.getKey() + " in Spanish");
            }
            page.get("about:blank");
        }
    }

    private static final String EMPTY = "";

    /** The id of the story in the reading pane, {@link #EMPTY} when the pane says the queue is empty, else null. */
    private static String inPane(WebDriver page) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) page).executeScript("""
                const story = document.querySelector('[data-story-title]');
                return story ? story.dataset.storyId : document.querySelector('[data-desk-empty]') ? '' : null;""");
    }

    private static void keys(WebDriver page, String... keys) {
        for (String key : keys) {
            new Actions(page).sendKeys(key).perform();
        }
    }

    private static void signIn(WebDriver page, WebDriverWait wait, String user) {
        String portal = devstack.gatewayUrl() + "/admin";
        page.get(portal);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-sign-in]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        page.findElement(By.id("password")).sendKeys(user);
        page.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(portal));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-staff-name]"), user));
    }

    private static void assertMeetsWcag(WebDriver page, String screen) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(page);
        assertThat(results.getViolations()).as("WCAG violations on %s: %s", screen,
                results.getViolations().stream().map(rule -> rule.getId() + " " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList()).toList()).isEmpty();
    }

    /** Shares a story straight with stories-service (the gateway's rate limit is for the public, not for a fixture). */
    private static String submit(String title, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("title", title, "text", text, "language", "en",
                "consents", Map.of("publishOnSite", true)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stories("/api/stories"))
                .header("Content-Type", "application/json").timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private static int publicStatus(String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stories("/api/stories/" + id)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode publicStory(String id) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(stories("/api/stories/" + id)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode staffGet(String path) throws Exception {
        String token = org.chorus.testsupport.DevUsers.accessToken(devstack.keycloak(), "moderator");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stories(path))
                .header("Authorization", "Bearer " + token).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static URI stories(String path) {
        return URI.create("http://127.0.0.1:" + devstack.ports().stories() + path);
    }

    private static String word() {
        return ThreadLocalRandom.current().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
