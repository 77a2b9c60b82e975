package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Readable console logs (the devstack's); {@link JsonLogPrivacyIT} runs the same lifecycle with production's JSON. */
@StoriesIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyIT {

    @Autowired
    WebTestClient http;

    @Autowired
    StoryApi api;

    @Autowired
    DatabaseClient db;

    @Test
    void logsNeverHoldStoryTextTitlesEmailsOrTokensThroughTheWholeLifecycle(CapturedOutput logs) {
        String probe = "capture-probe-" + UUID.randomUUID();
        LoggerFactory.getLogger(LogPrivacyIT.class).info("{}", probe);
        String title = "Title " + StoryApi.uniqueWord();
        String text = "Private words " + StoryApi.uniqueWord();
        String redacted = "Redacted words " + StoryApi.uniqueWord();
        String reason = "Rejected because " + StoryApi.uniqueWord();
        String email = "author-" + UUID.randomUUID() + "@example.org";
        String name = "Zq" + StoryApi.uniqueWord();
        String redactedName = "Zq" + StoryApi.uniqueWord();
        String revisedName = "Zq" + StoryApi.uniqueWord();
        String refusedName = "Zq" + StoryApi.uniqueWord() + " @handle";

        SubmittedStory story = api.submit(Map.of("title", title, "text", text, "language", "en",
                "contactEmail", email, "contactConsent", true, "namedAs", "pseudonym", "name", name,
                "themes", List.of("healing")));
        api.managed(story.manageToken());
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange().expectStatus().isOk();
        api.publish(story.id(), Map.of("text", redacted, "name", redactedName));
        api.edit(story.manageToken(), Map.of("text", text, "namedAs", "first-name", "name", revisedName))
                .expectStatus().isOk();
        api.edit(story.manageToken(), Map.of("text", text, "namedAs", "first-name", "name", refusedName))
                .expectStatus().isBadRequest();
        http.get().uri("/api/stories?theme=healing&q={q}", text).exchange().expectStatus().isOk();
        http.post().uri("/api/stories/{id}/reports", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "SPAM")).exchange().expectStatus().isAccepted();
        api.reject(story.id(), 2, reason);
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", text, "language", "en", "contactEmail", email + "x")).exchange()
                .expectStatus().isBadRequest();
        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("select count(*) as n from outbox_event")
                .map(row -> row.get("n", Long.class)).one().block() == 0);

        assertThat(logs.getAll()).as("logs are captured").contains(probe);
        assertFormat(logs.getAll(), probe);
        assertThat(logs.getAll()).doesNotContain(title).doesNotContain(text).doesNotContain(redacted)
                .doesNotContain(reason).doesNotContain(email).doesNotContain(story.manageToken())
                .doesNotContain(name).doesNotContain(redactedName).doesNotContain(revisedName)
                .doesNotContain(refusedName);
    }

    /** The development console's readable lines; {@link JsonLogPrivacyIT} checks production's JSON instead. */
    void assertFormat(String logs, String probe) {
        assertThat(logs.lines().filter(line -> line.contains(probe))).noneMatch(line -> line.startsWith("{"));
    }
}
