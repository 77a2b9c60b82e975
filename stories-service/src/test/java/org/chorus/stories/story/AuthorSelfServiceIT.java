package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class AuthorSelfServiceIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void manageTokenIsGivenOnceAndIsNotCached() {
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Mine to manage", "language", "en")).exchange()
                .expectStatus().isCreated()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody()
                .jsonPath("$.status").isEqualTo("SUBMITTED")
                .jsonPath("$.manageToken").value(token -> assertThat((String) token).matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void authorReadsTheirStoryAndItsStatusWithTheToken() {
        SubmittedStory story = api.submit(Map.of("title", "  Ten years  ", "text", "It took me ten years.",
                "language", "es", "contentWarnings", List.of("violence", "sexual-violence", "violence")));

        ManagedStory managed = api.managed(story.manageToken());

        assertThat(managed.id()).isEqualTo(story.id());
        assertThat(managed.status()).isEqualTo(StoryStatus.SUBMITTED);
        assertThat(managed.title()).isEqualTo("Ten years");
        assertThat(managed.text()).isEqualTo("It took me ten years.");
        assertThat(managed.language()).isEqualTo("es");
        assertThat(managed.contentWarnings()).containsExactly("sexual-violence", "violence");
        assertThat(managed.rejectionReason()).isNull();
    }

    @Test
    void authorReadsWhyTheirStoryWasRejected() {
        SubmittedStory story = api.submit("A story that names my neighbour.", "en");

        api.reject(story.id(), 0, "It names a real person; please share it again without the name.");

        ManagedStory managed = api.managed(story.manageToken());
        assertThat(managed.status()).isEqualTo(StoryStatus.REJECTED);
        assertThat(managed.rejectionReason()).isEqualTo("It names a real person; please share it again without the name.");
    }

    @Test
    void onlyTheHashOfTheManageTokenIsStored() throws Exception {
        SubmittedStory story = api.submit("Hash only", "en");

        byte[] stored = db.sql("select manage_token_hash from story where id = :id").bind("id", story.id())
                .map(row -> row.get("manage_token_hash", byte[].class)).one().block();
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(story.manageToken().getBytes(StandardCharsets.US_ASCII)));
        assertThat(StoriesDatabase.dump(db)).doesNotContain(story.manageToken());
    }

    static Stream<Arguments> wrongTokens() {
        return Stream.of(
                Arguments.of("well-formed but unknown", ManageToken.generate()),
                Arguments.of("empty", ""),
                Arguments.of("too short", "abc"),
                Arguments.of("SQL", "' or '1'='1"),
                Arguments.of("script", "<script>alert(1)</script>"),
                Arguments.of("Unicode", "ünïcödé✊🏽".repeat(4)),
                Arguments.of("huge", "A".repeat(4000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTokens")
    void anyWrongTokenGetsTheSameNotFoundAsAnUnknownOne(String why, String token) {
        String unknown = notFoundDetail(http.get().uri("/api/stories/manage").header(ManageToken.HEADER, ManageToken.generate()));

        assertThat(notFoundDetail(http.get().uri("/api/stories/manage").header(ManageToken.HEADER, token))).isEqualTo(unknown);
        assertThat(notFoundDetail(http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, token))).isEqualTo(unknown);
    }

    @Test
    void missingTokenGetsTheSameNotFound() {
        String unknown = notFoundDetail(http.get().uri("/api/stories/manage").header(ManageToken.HEADER, ManageToken.generate()));

        assertThat(notFoundDetail(http.get().uri("/api/stories/manage"))).isEqualTo(unknown);
        assertThat(notFoundDetail(http.delete().uri("/api/stories/manage"))).isEqualTo(unknown);
    }

    @Test
    void tokenInTheUrlIsNeverAccepted() {
        SubmittedStory story = api.submit("Not through the URL", "en");

        notFoundDetail(http.get().uri("/api/stories/manage?token={token}", story.manageToken()));
        notFoundDetail(http.get().uri("/api/stories/manage?" + ManageToken.HEADER + "={token}", story.manageToken()));
        assertThat(api.managed(story.manageToken()).status()).isEqualTo(StoryStatus.SUBMITTED);
    }

    @Test
    void oneAuthorsTokenDoesNotOpenAnotherStory() {
        SubmittedStory mine = api.submit("Mine", "en");
        SubmittedStory theirs = api.submit("Theirs", "en");

        assertThat(api.managed(mine.manageToken()).id()).isEqualTo(mine.id()).isNotEqualTo(theirs.id());
    }

    @Test
    void withdrawnStoryCannotBeManagedOrWithdrawnAgain() {
        SubmittedStory story = api.submit("Withdraw me", "en");

        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();

        notFoundDetail(http.get().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()));
        notFoundDetail(http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()));
    }

    private static String notFoundDetail(WebTestClient.RequestHeadersSpec<?> request) {
        String detail = new String(request.exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No story matches this manage link.")
                .returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
        // the instance differs by path only; everything else must be identical
        return detail.replaceAll("\"instance\":\"[^\"]*\"", "");
    }
}
