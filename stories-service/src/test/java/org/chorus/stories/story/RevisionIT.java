package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorus.stories.StoriesDatabase;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class RevisionIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void editBeforeModerationReplacesTheStoryAndMakesAModeratorsOpenViewStale() {
        SubmittedStory story = api.submit("First draft", "en");

        ManagedStory edited = edit(story.manageToken(), Map.of("title", "Better", "text", "Second draft",
                "contentWarnings", List.of("violence"))).expectStatus().isOk()
                .expectBody(ManagedStory.class).returnResult().getResponseBody();

        assertThat(edited.text()).isEqualTo("Second draft");
        assertThat(edited.title()).isEqualTo("Better");
        assertThat(edited.pendingRevision()).isNull();
        api.decide(story.id(), "publication", Map.of("version", 0)).expectStatus().isEqualTo(409);
        api.publish(story.id(), Map.of("version", 1));
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectBody()
                .jsonPath("$.text").isEqualTo("Second draft")
                .jsonPath("$.contentWarnings[0]").isEqualTo("violence");
    }

    @Test
    void editOfAPublishedStoryWaitsForReviewWhileTheApprovedVersionStaysUp() {
        SubmittedStory story = api.submit("As approved", "en");
        api.publish(story.id());

        ManagedStory managed = edit(story.manageToken(), Map.of("text", "As revised by Ana")).expectStatus().isOk()
                .expectBody(ManagedStory.class).returnResult().getResponseBody();

        assertThat(managed.text()).isEqualTo("As approved");
        assertThat(managed.pendingRevision().text()).isEqualTo("As revised by Ana");
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectBody().jsonPath("$.text").isEqualTo("As approved");
        api.moderator().get().uri("/api/admin/stories?revisions=true&limit=200").exchange()
                .expectBody().jsonPath("$[?(@.id == '%s')].status".formatted(story.id())).isEqualTo("PUBLISHED");
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange().expectBody()
                .jsonPath("$.pendingRevision.text").isEqualTo("As revised by Ana")
                .jsonPath("$.revisionPiiHints[0].kind").isEqualTo("NAME")
                .jsonPath("$.version").isEqualTo(2);

        api.decide(story.id(), "revision/approval", Map.of("version", 2, "text", "As revised by [name]"))
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);

        http.get().uri("/api/stories/{id}", story.id()).exchange().expectBody().jsonPath("$.text").isEqualTo("As revised by [name]");
        ManagedStory after = api.managed(story.manageToken());
        assertThat(after.text()).isEqualTo("As revised by Ana");
        assertThat(after.pendingRevision()).isNull();
    }

    @Test
    void anAuthorsEditOrRevisionDecidesTheStorysUrgencyAgain() {
        SubmittedStory waiting = api.submit("It happened a long time ago.", "en");
        SubmittedStory published = api.submit("I got through it.", "en");
        api.publish(published.id());
        SubmittedStory calmer = api.submit("Some nights I want to die.", "en");
        assertThat(urgent(waiting)).isFalse();
        assertThat(urgent(calmer)).isTrue();

        edit(waiting.manageToken(), Map.of("text", "It happened long ago, and he said he is going to kill me if I tell."))
                .expectStatus().isOk();
        edit(published.manageToken(), Map.of("text", "I got through it.", "contentWarnings", List.of("self-harm")))
                .expectStatus().isOk();
        edit(calmer.manageToken(), Map.of("text", "Those nights are behind me now.")).expectStatus().isOk();

        assertThat(urgent(waiting)).as("an edit before moderation that mentions danger").isTrue();
        assertThat(urgent(published)).as("a revision waiting for review with a self-harm warning").isTrue();
        assertThat(urgent(calmer)).as("the moderator will read the edit, which no longer mentions it").isFalse();
        List<String> revisionsQueue = api.moderator().get().uri("/api/admin/stories?revisions=true&limit=200").exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .filter(story -> Boolean.TRUE.equals(story.get("urgent"))).map(story -> (String) story.get("id")).toList();
        assertThat(revisionsQueue).as("the revisions queue lists it as urgent").contains(published.id().toString());
    }

    private boolean urgent(SubmittedStory story) {
        return Boolean.TRUE.equals(db.sql("select urgent from story where id = :id").bind("id", story.id())
                .map(row -> row.get("urgent", Boolean.class)).one().block());
    }

    @Test
    void rejectedRevisionLeavesThePublishedVersionAndTellsTheAuthorWhy() {
        SubmittedStory story = api.submit("Approved words", "en");
        api.publish(story.id());
        edit(story.manageToken(), Map.of("text", "Words that name my street")).expectStatus().isOk();

        api.decide(story.id(), "revision/rejection", Map.of("version", 2, "reason", "It names your street."))
                .expectStatus().isOk();

        ManagedStory managed = api.managed(story.manageToken());
        assertThat(managed.status()).isEqualTo(StoryStatus.PUBLISHED);
        assertThat(managed.pendingRevision()).isNull();
        assertThat(managed.revisionFeedback()).isEqualTo("It names your street.");
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectBody().jsonPath("$.text").isEqualTo("Approved words");
    }

    @Test
    void approvingWhenNoRevisionWaitsIsAConflict() {
        SubmittedStory story = api.submit("Nothing new", "en");
        api.publish(story.id());

        api.decide(story.id(), "revision/approval", Map.of("version", 1))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").isEqualTo("This story has no revision waiting for review.");
    }

    @Test
    void rejectedStoryCannotBeEdited() {
        SubmittedStory story = api.submit("Rejected", "en");
        api.reject(story.id(), 0, "No.");

        edit(story.manageToken(), Map.of("text", "Try again")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void revisionIsSealedAtRestAndErasedWithTheStory() {
        String revised = "Revised " + StoryApi.uniqueWord();
        SubmittedStory story = api.submit("Published", "en");
        api.publish(story.id());
        edit(story.manageToken(), Map.of("text", revised)).expectStatus().isOk();

        assertThat(StoriesDatabase.dump(db)).doesNotContain(revised);
        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();
        assertThat(db.sql("select count(*) as n from story_revision where story_id = :id").bind("id", story.id())
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    static Stream<Arguments> invalidEdits() {
        return Stream.of(
                Arguments.of(Map.of("text", " "), "text"),
                Arguments.of(Map.of(), "text"),
                Arguments.of(Map.of("text", "x".repeat(StorySubmission.MAX_TEXT + 1)), "text"),
                Arguments.of(Map.of("text", "ok", "title", "t".repeat(201)), "title"),
                Arguments.of(Map.of("text", "ok", "contentWarnings", List.of("gore")), "contentWarnings"),
                Arguments.of(Map.of("text", List.of(1, 2)), "text"));
    }

    @ParameterizedTest
    @MethodSource("invalidEdits")
    void invalidEditIsRefusedNamingTheFieldAndChangesNothing(Map<String, ?> body, String field) {
        SubmittedStory story = api.submit("Unchanged", "en");

        edit(story.manageToken(), body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);

        assertThat(api.managed(story.manageToken()).text()).isEqualTo("Unchanged");
    }

    @Test
    void editWithAWrongTokenIsTheSameNotFound() {
        edit(ManageToken.generate(), Map.of("text", "Not yours")).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No story matches this manage link.");
    }

    private WebTestClient.ResponseSpec edit(String token, Map<String, ?> body) {
        return http.put().uri("/api/stories/manage").header(ManageToken.HEADER, token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
