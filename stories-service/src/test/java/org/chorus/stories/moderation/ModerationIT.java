package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryRejected;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.story.ManagedStory;
import org.chorus.stories.story.StoryStatus;
import org.chorus.stories.story.StorySubmission;
import org.chorus.stories.story.SubmittedStory;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class ModerationIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void moderatorReadsTheAuthorsWordsAndTheVersionToDecideOn() {
        SubmittedStory story = api.submit(Map.of("title", "My title", "text", "The whole story", "language", "en",
                "contentWarnings", List.of("self-harm")));

        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody()
                .jsonPath("$.text").isEqualTo("The whole story")
                .jsonPath("$.title").isEqualTo("My title")
                .jsonPath("$.version").isEqualTo(0)
                .jsonPath("$.contentWarnings[0]").isEqualTo("self-harm");
        api.moderator().get().uri("/api/admin/stories?status=SUBMITTED&limit=200").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == '%s')].title".formatted(story.id())).isEqualTo("My title");
    }

    @Test
    void moderatorIsPointedAtWhatMayIdentifySomeone() {
        SubmittedStory story = api.submit("It was my coach. Write to coach@example.org if you doubt me.", "en");

        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.piiHints[0].kind").isEqualTo("EMAIL")
                .jsonPath("$.piiHints[0].start").isEqualTo(26)
                .jsonPath("$.piiHints[0].end").isEqualTo(43);
    }

    @Test
    void publishingWithRedactionsShowsTheRedactedTextAndKeepsTheOriginalForTheAuthor() {
        SubmittedStory story = api.submit(Map.of("text", "Maria from Elm Street hurt me.", "language", "en"));

        Decision decision = api.publish(story.id(), Map.of("title", "Years later", "text", "[name] from [place] hurt me.",
                "contentWarnings", List.of("violence")));

        assertThat(decision.status()).isEqualTo(StoryStatus.PUBLISHED);
        assertThat(decision.version()).isEqualTo(1);
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.text").isEqualTo("[name] from [place] hurt me.")
                .jsonPath("$.title").isEqualTo("Years later")
                .jsonPath("$.contentWarnings[0]").isEqualTo("violence");
        ManagedStory managed = api.managed(story.manageToken());
        assertThat(managed.status()).isEqualTo(StoryStatus.PUBLISHED);
        assertThat(managed.text()).isEqualTo("Maria from Elm Street hurt me.");
        assertThat(KafkaRecords.read(Topics.STORIES, record -> story.id().toString().equals(record.key())
                        && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                        .equals(Optional.of(EventTypes.typeOf(StoryPublished.class))), 1, KAFKA))
                .singleElement().satisfies(event -> assertThat(event.value()).doesNotContain("hurt me"));
    }

    @Test
    void rejectingAPublishedStoryTakesItDown() {
        SubmittedStory story = api.submit("Up, then down", "en");
        Decision published = api.publish(story.id());

        Decision rejected = api.reject(story.id(), published.version(), "Taken down after a report.");

        assertThat(rejected.status()).isEqualTo(StoryStatus.REJECTED);
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isNotFound();
        assertThat(KafkaRecords.read(Topics.STORIES, record -> story.id().toString().equals(record.key())
                        && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                        .equals(Optional.of(EventTypes.typeOf(StoryRejected.class))), 1, KAFKA))
                .singleElement().satisfies(event -> assertThat(event.value()).doesNotContain("Taken down"));
    }

    @Test
    void decisionOnAStaleVersionIsAConflictThatSaysWhy() {
        SubmittedStory story = api.submit("Two moderators", "en");
        api.publish(story.id());

        api.decide(story.id(), "rejection", Map.of("version", 0, "reason", "too late"))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("Someone else changed this story").contains("version 0").contains("now 1"));
    }

    @Test
    void twoModeratorsDecidingAtOnceOneWinsAndTheOtherGetsAConflict() {
        SubmittedStory story = api.submit("Contested", "en");

        CompletableFuture<Integer> publish = CompletableFuture.supplyAsync(() -> api.moderator("ana").post()
                .uri("/api/admin/stories/{id}/publication", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("version", 0)).exchange().returnResult(String.class).getStatus().value());
        CompletableFuture<Integer> reject = CompletableFuture.supplyAsync(() -> api.moderator("ben").post()
                .uri("/api/admin/stories/{id}/rejection", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("version", 0, "reason", "no")).exchange().returnResult(String.class).getStatus().value());

        assertThat(List.of(publish.join(), reject.join())).containsExactlyInAnyOrder(200, 409);
        assertThat(db.sql("select version from story where id = :id").bind("id", story.id())
                .map(row -> row.get("version", Integer.class)).one().block()).isEqualTo(1);
    }

    @Test
    void rejectedStoryCannotBePublished() {
        SubmittedStory story = api.submit("Rejected once", "en");
        Decision rejected = api.reject(story.id(), 0, "Not a story.");

        api.decide(story.id(), "publication", Map.of("version", rejected.version()))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("A rejected story cannot be asked to publish.");
    }

    @Test
    void publishedStoryCannotBePublishedTwice() {
        SubmittedStory story = api.submit("Once is enough", "en");
        Decision published = api.publish(story.id());

        api.decide(story.id(), "publication", Map.of("version", published.version())).expectStatus().isEqualTo(409);
    }

    @Test
    void decisionOnAnUnknownStoryIsNotFound() {
        api.decide(UUID.randomUUID(), "publication", Map.of("version", 0))
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.moderator().get().uri("/api/admin/stories/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void storyIdThatIsNotAnIdIsABadRequest() {
        api.moderator().get().uri("/api/admin/stories/{id}", "1 or 1=1").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> invalidDecisions() {
        Map<String, Object> oversized = new HashMap<>(Map.of("version", 0));
        oversized.put("text", "x".repeat(StorySubmission.MAX_TEXT + 1));
        return Stream.of(
                Arguments.of("publication without version", "publication", Map.of(), "version"),
                Arguments.of("version of the wrong type", "publication", Map.of("version", "latest"), "version"),
                Arguments.of("blank replacement text", "publication", Map.of("version", 0, "text", "  "), "text"),
                Arguments.of("oversized replacement text", "publication", oversized, "text"),
                Arguments.of("unknown content warning", "publication", Map.of("version", 0, "contentWarnings", List.of("gore")), "contentWarnings"),
                Arguments.of("rejection without reason", "rejection", Map.of("version", 0), "reason"),
                Arguments.of("blank reason", "rejection", Map.of("version", 0, "reason", " "), "reason"),
                Arguments.of("rejection without version", "rejection", Map.of("reason", "no"), "version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDecisions")
    void invalidDecisionIsRefusedNamingTheFieldAndChangesNothing(String why, String decision, Map<String, ?> body,
                                                                 String field) {
        SubmittedStory story = api.submit("Waiting", "en");

        api.decide(story.id(), decision, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);

        assertThat(api.managed(story.manageToken()).status()).isEqualTo(StoryStatus.SUBMITTED);
        assertThat(auditActions(story.id())).isEmpty();
    }

    @Test
    void malformedDecisionIsAProblemNotAServerError() {
        SubmittedStory story = api.submit("Waiting", "en");

        api.moderator().post().uri("/api/admin/stories/{id}/publication", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"version\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyStaffActionIsAuditedWithWhoWhatAndWhen() {
        SubmittedStory story = api.submit("Audited", "en");
        api.moderator("ana").get().uri("/api/admin/stories/{id}", story.id()).exchange().expectStatus().isOk();
        Decision published = api.publish(story.id());
        api.reject(story.id(), published.version(), "Taken down.");

        api.admin().get().uri("/api/admin/stories/audit?storyId={id}", story.id()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].action").isEqualTo("TAKEN_DOWN")
                .jsonPath("$[1].action").isEqualTo("PUBLISHED")
                .jsonPath("$[2].action").isEqualTo("VIEWED")
                .jsonPath("$[2].actor").isEqualTo("ana")
                .jsonPath("$[0].actor").isEqualTo("moderator-ana")
                .jsonPath("$[0].at").exists();
    }

    @Test
    void auditLogIsForAdminsOnly() {
        api.moderator().get().uri("/api/admin/stories/audit").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/admin/stories/audit").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void auditLogCannotBeRewritten() {
        SubmittedStory story = api.submit("Audited forever", "en");
        api.publish(story.id());

        assertThatThrownBy(() -> db.sql("update moderation_audit set actor = 'nobody' where story_id = :id")
                .bind("id", story.id()).then().block()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("delete from moderation_audit where story_id = :id")
                .bind("id", story.id()).then().block()).hasMessageContaining("append-only");
    }

    private List<String> auditActions(UUID id) {
        return db.sql("select action from moderation_audit where story_id = :id").bind("id", id)
                .map(row -> row.get("action", String.class)).all().collectList().block();
    }
}
