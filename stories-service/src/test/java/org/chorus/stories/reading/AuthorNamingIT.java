package org.chorus.stories.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.chorus.stories.StoriesDatabase;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.story.ManagedStory;
import org.chorus.stories.story.SubmittedStory;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.NamedAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class AuthorNamingIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void authorIsAnonymousUnlessTheyChooseOtherwise() {
        String word = StoryApi.uniqueWord();
        SubmittedStory story = api.submit(Map.of("text", "No name " + word, "language", "en"));

        ManagedStory managed = api.managed(story.manageToken());
        assertThat(managed.namedAs()).isEqualTo(NamedAs.ANONYMOUS);
        assertThat(managed.name()).isNull();
        api.publish(story.id());

        PublishedStory published = api.published(story.id());
        assertThat(published.namedAs()).isEqualTo(NamedAs.ANONYMOUS);
        assertThat(published.byline()).isEqualTo("Anonymous");
        assertThat(list(word)).singleElement().satisfies(item -> assertThat(item.byline()).isEqualTo("Anonymous"));
    }

    @Test
    void pseudonymInAnyScriptIsShownOnTheStoryAndTheListAndSeenByModerators() {
        String word = StoryApi.uniqueWord();
        String pseudonym = "Lúz ✊🏽 نور " + word.substring(0, 6);
        SubmittedStory story = api.submit(Map.of("text", "Named " + word, "language", "es",
                "namedAs", "pseudonym", "name", "  " + pseudonym + " "));

        assertThat(api.managed(story.manageToken()).name()).isEqualTo(pseudonym);
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange().expectBody()
                .jsonPath("$.namedAs").isEqualTo("pseudonym")
                .jsonPath("$.name").isEqualTo(pseudonym);
        api.publish(story.id());

        PublishedStory published = api.published(story.id());
        assertThat(published.namedAs()).isEqualTo(NamedAs.PSEUDONYM);
        assertThat(published.byline()).isEqualTo(pseudonym);
        assertThat(list(word)).singleElement().satisfies(item -> assertThat(item.byline()).isEqualTo(pseudonym));
    }

    @Test
    void nameIsSealedAtRestWhileTheStoryIsUnpublished() {
        String name = "Zq" + StoryApi.uniqueWord();

        SubmittedStory story = api.submit(Map.of("text", "Sealed", "language", "en", "namedAs", "first-name", "name", name));

        String dump = StoriesDatabase.dump(db);
        assertThat(dump).contains(story.id().toString()).doesNotContain(name);
        assertThat(api.managed(story.manageToken()).name()).isEqualTo(name);
    }

    @Test
    void authorChangesTheirNameThroughTheManageLinkBeforeModeration() {
        SubmittedStory story = api.submit(Map.of("text", "Draft", "language", "en"));

        ManagedStory named = api.edit(story.manageToken(), Map.of("text", "Draft", "namedAs", "first-name", "name", "Ana"))
                .expectStatus().isOk().expectBody(ManagedStory.class).returnResult().getResponseBody();
        assertThat(named.namedAs()).isEqualTo(NamedAs.FIRST_NAME);
        assertThat(named.name()).isEqualTo("Ana");

        ManagedStory unchanged = api.edit(story.manageToken(), Map.of("text", "Draft two"))
                .expectStatus().isOk().expectBody(ManagedStory.class).returnResult().getResponseBody();
        assertThat(unchanged.name()).as("an edit without naming keeps it").isEqualTo("Ana");

        ManagedStory anonymous = api.edit(story.manageToken(), Map.of("text", "Draft two", "namedAs", "anonymous"))
                .expectStatus().isOk().expectBody(ManagedStory.class).returnResult().getResponseBody();
        assertThat(anonymous.namedAs()).isEqualTo(NamedAs.ANONYMOUS);
        assertThat(anonymous.name()).isNull();
    }

    @Test
    void goingAnonymousTakesTheNameOffAPublishedStoryAtOnce() {
        SubmittedStory story = api.submit(Map.of("text", "Published with a name", "language", "en",
                "namedAs", "pseudonym", "name", "Brave"));
        api.publish(story.id());

        api.edit(story.manageToken(), Map.of("text", "Published with a name", "namedAs", "anonymous"))
                .expectStatus().isOk();

        PublishedStory published = api.published(story.id());
        assertThat(published.byline()).isEqualTo("Anonymous");
        assertThat(published.namedAs()).isEqualTo(NamedAs.ANONYMOUS);
        assertThat(api.managed(story.manageToken()).name()).isNull();
    }

    @Test
    void newNameOnAPublishedStoryWaitsForReview() {
        SubmittedStory story = api.submit(Map.of("text", "Up", "language", "en", "namedAs", "pseudonym", "name", "Old"));
        api.publish(story.id());

        ManagedStory managed = api.edit(story.manageToken(), Map.of("text", "Up", "namedAs", "first-name", "name", "Maria"))
                .expectStatus().isOk().expectBody(ManagedStory.class).returnResult().getResponseBody();

        assertThat(managed.name()).isEqualTo("Old");
        assertThat(managed.pendingRevision().namedAs()).isEqualTo(NamedAs.FIRST_NAME);
        assertThat(managed.pendingRevision().name()).isEqualTo("Maria");
        assertThat(api.published(story.id()).byline()).isEqualTo("Old");
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange().expectBody()
                .jsonPath("$.pendingRevision.name").isEqualTo("Maria");

        api.decide(story.id(), "revision/approval", Map.of("version", 2, "name", "M.")).expectStatus().isOk();

        assertThat(api.published(story.id()).byline()).isEqualTo("M.");
        assertThat(api.managed(story.manageToken()).name()).as("the author keeps their own words").isEqualTo("Maria");
        api.admin().get().uri("/api/admin/stories/audit?storyId={id}", story.id()).exchange().expectBody()
                .jsonPath("$[0].action").isEqualTo("REVISION_APPROVED_WITH_REDACTIONS");
    }

    @Test
    void moderatorRedactsTheNameOrPublishesAnonymously() {
        SubmittedStory initial = api.submit(Map.of("text", "One", "language", "en", "namedAs", "first-name", "name", "Jennifer"));
        SubmittedStory removed = api.submit(Map.of("text", "Two", "language", "en", "namedAs", "first-name", "name", "Jennifer"));

        api.publish(initial.id(), Map.of("name", "J."));
        api.publish(removed.id(), Map.of("name", ""));

        assertThat(api.published(initial.id()).byline()).isEqualTo("J.");
        assertThat(api.published(initial.id()).namedAs()).isEqualTo(NamedAs.FIRST_NAME);
        assertThat(api.published(removed.id()).byline()).isEqualTo("Anonymous");
        api.admin().get().uri("/api/admin/stories/audit?storyId={id}", initial.id()).exchange().expectBody()
                .jsonPath("$[0].action").isEqualTo("PUBLISHED_WITH_REDACTIONS");
    }

    static Stream<Arguments> refusedModeratorNames() {
        return Stream.of(
                Arguments.of("an anonymous author named", "anonymous", "Bob"),
                Arguments.of("an email for a name", "first-name", "bob@example.org"),
                Arguments.of("an overlong name", "first-name", "B".repeat(AuthorName.MAX_NAME + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedModeratorNames")
    void moderatorCannotPublishANameThatBreaksTheRules(String why, String namedAs, String name) {
        Map<String, Object> submission = "anonymous".equals(namedAs)
                ? Map.of("text", "Mine", "language", "en")
                : Map.of("text", "Mine", "language", "en", "namedAs", namedAs, "name", "Robert");
        SubmittedStory story = api.submit(submission);

        api.decide(story.id(), "publication", Map.of("version", 0, "name", name))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");

        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isNotFound();
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("<script>alert(1)</script>"),
                Arguments.of("'; drop table story; --"),
                Arguments.of("Zoë-Ångström O'Brien"),
                Arguments.of("👩🏾‍🦱"));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void anyNameWithinTheRulesIsStoredExactlyAsWritten(String name) {
        SubmittedStory story = api.submit(Map.of("text", "Mine", "language", "en", "namedAs", "pseudonym", "name", name));

        assertThat(api.managed(story.manageToken()).name()).isEqualTo(name);
    }

    static Stream<Arguments> invalidNamingEdits() {
        return Stream.of(
                Arguments.of(Map.of("text", "Edited", "namedAs", "pseudonym"), "name"),
                Arguments.of(Map.of("text", "Edited", "namedAs", "anonymous", "name", "Ana"), "name"),
                Arguments.of(Map.of("text", "Edited", "namedAs", "famous", "name", "Ana"), "namedAs"),
                Arguments.of(Map.of("text", "Edited", "name", "Ana"), "namedAs"),
                Arguments.of(Map.of("text", "Edited", "namedAs", "pseudonym", "name", "call 555 010 1234"), "name"),
                Arguments.of(Map.of("text", "Edited", "namedAs", "pseudonym", "name", Map.of("a", 1)), "name"));
    }

    @ParameterizedTest
    @MethodSource("invalidNamingEdits")
    void invalidNamingInAnEditIsRefusedNamingTheFieldAndChangesNothing(Map<String, ?> edit, String field) {
        SubmittedStory story = api.submit(Map.of("text", "Original", "language", "en", "namedAs", "pseudonym", "name", "Kept"));

        api.edit(story.manageToken(), edit)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);

        ManagedStory managed = api.managed(story.manageToken());
        assertThat(managed.text()).isEqualTo("Original");
        assertThat(managed.name()).isEqualTo("Kept");
    }

    private java.util.List<StorySummary> list(String word) {
        return http.get().uri("/api/stories?q=" + word).exchange().expectStatus().isOk()
                .expectBody(StoryPage.class).returnResult().getResponseBody().items();
    }
}
