package org.chorus.stories.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StoryFlagged;
import org.chorus.contracts.StoryReportsResolved;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.story.SubmittedStory;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class PublicReadingIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Autowired
    StoryApi api;

    @Test
    void onlyPublishedStoriesAreListedNewestFirst() {
        String word = StoryApi.uniqueWord();
        SubmittedStory older = published("The first one " + word, "en", List.of());
        SubmittedStory newer = published("The second one " + word, "en", List.of());
        SubmittedStory waiting = api.submit("Not yet " + word, "en");

        StoryPage page = page("/api/stories?q=" + word);

        assertThat(page.items()).extracting(StorySummary::id).containsExactly(newer.id(), older.id())
                .doesNotContain(waiting.id());
        http.get().uri("/api/stories/{id}", waiting.id()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void listFiltersByLanguage() {
        String word = StoryApi.uniqueWord();
        SubmittedStory english = published("In English " + word, "en", List.of());
        SubmittedStory spanish = published("En español " + word, "es", List.of());

        assertThat(page("/api/stories?language=es&q=" + word).items()).extracting(StorySummary::id).containsExactly(spanish.id());
        assertThat(page("/api/stories?language=en&q=" + word).items()).extracting(StorySummary::id).containsExactly(english.id());
    }

    @Test
    void readersCanExcludeWarningsTheyDoNotWantToMeet() {
        String word = StoryApi.uniqueWord();
        SubmittedStory gentle = published("Gentle " + word, "en", List.of());
        SubmittedStory harsh = published("Harsh " + word, "en", List.of("self-harm", "violence"));

        StoryPage all = page("/api/stories?q=" + word);
        assertThat(all.items()).extracting(StorySummary::id).containsExactlyInAnyOrder(gentle.id(), harsh.id());
        assertThat(all.items()).filteredOn(item -> item.id().equals(harsh.id())).singleElement()
                .satisfies(item -> assertThat(item.contentWarnings()).containsExactly("self-harm", "violence"));
        assertThat(page("/api/stories?q=" + word + "&exclude_warning=violence").items())
                .extracting(StorySummary::id).containsExactly(gentle.id());
        assertThat(page("/api/stories?q=" + word + "&exclude_warning=child-abuse&exclude_warning=self-harm").items())
                .extracting(StorySummary::id).containsExactly(gentle.id());
    }

    @Test
    void readersFilterByTheThemesAModeratorSet() {
        String word = StoryApi.uniqueWord();
        SubmittedStory work = api.submit(Map.of("text", "At work " + word, "language", "en", "themes", List.of("workplace")));
        SubmittedStory school = api.submit(Map.of("text", "At school " + word, "language", "en", "themes", List.of("workplace")));
        SubmittedStory unthemed = api.submit(Map.of("text", "Neither " + word, "language", "en"));
        api.publish(work.id());
        api.publish(school.id(), Map.of("themes", List.of("campus", "speaking-up")));
        api.publish(unthemed.id());

        assertThat(page("/api/stories?theme=workplace&q=" + word).items()).extracting(StorySummary::id)
                .as("the author's suggestion stands when the moderator sets none").containsExactly(work.id());
        assertThat(page("/api/stories?theme=campus&q=" + word).items()).extracting(StorySummary::id)
                .as("the moderator's themes replace the author's").containsExactly(school.id());
        assertThat(page("/api/stories?theme=campus&theme=workplace&q=" + word).items()).extracting(StorySummary::id)
                .containsExactlyInAnyOrder(work.id(), school.id());
        assertThat(page("/api/stories?theme=family&q=" + word).items()).isEmpty();
        assertThat(page("/api/stories?q=" + word).items()).hasSize(3);
        assertThat(api.published(school.id()).themes()).containsExactly("speaking-up", "campus");
        api.moderator().get().uri("/api/admin/stories/{id}", unthemed.id()).exchange().expectBody()
                .jsonPath("$.suggestedThemes").isEmpty();
    }

    @Test
    void moderatorCanChangeThemesWhenApprovingARevisionAndAuthorsSuggestThemWithAnEdit() {
        String word = StoryApi.uniqueWord();
        SubmittedStory story = api.submit(Map.of("text", "Story " + word, "language", "en", "themes", List.of("healing")));
        api.publish(story.id());

        api.edit(story.manageToken(), Map.of("text", "Story " + word, "themes", List.of("support"))).expectStatus().isOk();
        assertThat(api.managed(story.manageToken()).suggestedThemes()).containsExactly("support");
        assertThat(api.published(story.id()).themes()).as("a suggestion is not a decision").containsExactly("healing");

        api.decide(story.id(), "revision/approval", Map.of("version", 2, "themes", List.of("support", "healing")))
                .expectStatus().isOk();

        assertThat(page("/api/stories?theme=support&q=" + word).items()).extracting(StorySummary::id)
                .containsExactly(story.id());
    }

    @Test
    void unknownThemeInAPublicationIsRefusedAndNothingIsPublished() {
        SubmittedStory story = api.submit("Themed badly", "en");

        api.decide(story.id(), "publication", Map.of("version", 0, "themes", List.of("gore")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("themes");
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isNotFound();
    }

    @Test
    void moderatorsFeatureStoriesForTheFrontPage() {
        String word = StoryApi.uniqueWord();
        SubmittedStory plain = published("Plain " + word, "en", List.of());
        SubmittedStory chosen = published("Chosen " + word, "en", List.of());

        feature(chosen.id(), true).expectStatus().isNoContent();

        assertThat(page("/api/stories?featured=true&q=" + word).items()).extracting(StorySummary::id)
                .containsExactly(chosen.id());
        feature(chosen.id(), false).expectStatus().isNoContent();
        assertThat(page("/api/stories?featured=true&q=" + word).items()).isEmpty();
        assertThat(page("/api/stories?q=" + word).items()).extracting(StorySummary::id)
                .containsExactlyInAnyOrder(plain.id(), chosen.id());
        api.admin().get().uri("/api/admin/stories/audit?storyId={id}", chosen.id()).exchange().expectBody()
                .jsonPath("$[0].action").isEqualTo("UNFEATURED")
                .jsonPath("$[1].action").isEqualTo("FEATURED");
    }

    @Test
    void onlyPublishedStoriesCanBeFeatured() {
        SubmittedStory waiting = api.submit("Not yet", "en");

        feature(waiting.id(), true).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.moderator().put().uri("/api/admin/stories/{id}/featured", waiting.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("featured", "sometimes")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("featured");
    }

    @Test
    void searchIsLanguageAware() {
        String word = StoryApi.uniqueWord();
        SubmittedStory story = published("I kept walking " + word + " for years", "en", List.of());

        assertThat(page("/api/stories?q=walks " + word).items()).extracting(StorySummary::id).containsExactly(story.id());
        assertThat(page("/api/stories?language=en&q=walked " + word).items()).extracting(StorySummary::id).containsExactly(story.id());
    }

    @Test
    void listShowsAnExcerptAndTheStoryPageTheWholeText() {
        String word = StoryApi.uniqueWord();
        String text = word + " " + "long ".repeat(200);
        SubmittedStory story = published(text, "en", List.of());

        StorySummary summary = page("/api/stories?q=" + word).items().get(0);
        assertThat(summary.excerpt()).hasSize(PublishedStories.EXCERPT + 1).endsWith("…");
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.text").isEqualTo(text);
    }

    @Test
    void listsStoriesAndTheCountMayBeKeptBrieflyBySharedCachesButNeverASearch() {
        SubmittedStory story = published("What a shared cache may keep " + StoryApi.uniqueWord(), "en", List.of());

        for (String uri : List.of("/api/stories", "/api/stories?language=es&page=1", "/api/stories/count",
                "/api/stories/" + story.id())) {
            http.get().uri(uri).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=5, public");
        }
        http.get().uri("/api/stories?q=what").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
        http.get().uri("/api/stories/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).doesNotContain("public"));
    }

    @Test
    void pagesAreBoundedAndSayWhetherMoreFollow() {
        String word = StoryApi.uniqueWord();
        published("One " + word, "en", List.of());
        published("Two " + word, "en", List.of());
        published("Three " + word, "en", List.of());

        StoryPage first = page("/api/stories?size=2&q=" + word);
        StoryPage second = page("/api/stories?size=2&page=1&q=" + word);

        assertThat(first.items()).hasSize(2);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).hasSize(1);
        assertThat(second.hasMore()).isFalse();
    }

    static Stream<Arguments> hostileQueries() {
        return Stream.of(
                Arguments.of("'; drop table published_story; --"),
                Arguments.of("<script>alert(1)</script>"),
                Arguments.of("\"unterminated & | ! :* ( )"),
                Arguments.of("ünïcödé ✊🏽 مرحبا \u202e"),
                Arguments.of("x".repeat(200)));
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void anySearchTextWithinTheLimitIsJustASearch(String q) {
        http.get().uri(builder -> builder.path("/api/stories").queryParam("q", "{q}").build(q)).exchange()
                .expectStatus().isOk();
    }

    static Stream<Arguments> hostileThemes() {
        return Stream.of(
                Arguments.of("'; drop table published_story; --"),
                Arguments.of("<script>alert(1)</script>"),
                Arguments.of("ünïcödé ✊🏽 \u202e"),
                Arguments.of("heal\u0000ing"));
    }

    @ParameterizedTest
    @MethodSource("hostileThemes")
    void themeOutsideTheTaxonomyIsABadRequestNamingTheField(String theme) {
        http.get().uri(builder -> builder.path("/api/stories").queryParam("theme", "{t}").build(theme)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("theme");
    }

    static Stream<Arguments> invalidListRequests() {
        return Stream.of(
                Arguments.of("/api/stories?exclude_warning=gore", "exclude_warning"),
                Arguments.of("/api/stories?theme=gore", "theme"),
                Arguments.of("/api/stories?theme=healing&theme=HEALING", "theme"),
                Arguments.of("/api/stories?theme=" + "x".repeat(5_000), "theme"),
                Arguments.of("/api/stories?language=fr", "language"),
                Arguments.of("/api/stories?size=0", "size"),
                Arguments.of("/api/stories?size=51", "size"),
                Arguments.of("/api/stories?page=-1", "page"),
                Arguments.of("/api/stories?page=lots", null),
                Arguments.of("/api/stories?q=" + "x".repeat(201), "q"));
    }

    @ParameterizedTest
    @MethodSource("invalidListRequests")
    void invalidListRequestIsABadRequestProblem(String uri, String field) {
        WebTestClient.BodyContentSpec body = http.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        if (field != null) {
            body.jsonPath("$.errors[0].field").isEqualTo(field);
        }
    }

    @Test
    void reportFlagsTheStoryForModeratorsAndNeverHidesIt() {
        SubmittedStory story = published("Reported " + StoryApi.uniqueWord(), "en", List.of());

        http.post().uri("/api/stories/{id}/reports", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "IDENTIFIES_SOMEONE")).exchange()
                .expectStatus().isAccepted();

        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isOk();
        api.moderator().get().uri("/api/admin/stories?flagged=true&limit=200").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == '%s')].status".formatted(story.id())).isEqualTo("PUBLISHED");
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange()
                .expectBody().jsonPath("$.openReports").isEqualTo(1);
        assertThat(KafkaRecords.read(Topics.STORIES, record -> story.id().toString().equals(record.key())
                        && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                        .equals(Optional.of(EventTypes.typeOf(StoryFlagged.class))), 1, KAFKA))
                .singleElement().satisfies(event -> assertThat(event.value()).contains("IDENTIFIES_SOMEONE"));
    }

    @Test
    void resolvedReportsLeaveTheFlaggedQueueAndSayItOnTheStoryTopic() {
        SubmittedStory story = published("Reported then cleared", "en", List.of());
        http.post().uri("/api/stories/{id}/reports", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "SPAM")).exchange().expectStatus().isAccepted();

        api.moderator().post().uri("/api/admin/stories/{id}/reports/resolution", story.id()).exchange()
                .expectStatus().isNoContent();

        api.moderator().get().uri("/api/admin/stories?flagged=true&limit=200").exchange()
                .expectBody().jsonPath("$[?(@.id == '%s')]".formatted(story.id())).isEmpty();
        assertThat(KafkaRecords.read(Topics.STORIES, record -> story.id().toString().equals(record.key())
                && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                .equals(Optional.of(EventTypes.typeOf(StoryReportsResolved.class))), 1, KAFKA))
                .as("the moderators' digest hears that the story no longer waits").hasSize(1);
    }

    static Stream<Arguments> invalidReports() {
        return Stream.of(
                Arguments.of("{\"reason\": \"I just don't like it, <b>delete</b>\"}", "reason"),
                Arguments.of("{\"reason\": 7}", "reason"),
                Arguments.of("{}", "reason"),
                Arguments.of("{\"reason\": ", null),
                Arguments.of("", null));
    }

    @ParameterizedTest
    @MethodSource("invalidReports")
    void reportWithAReasonOutsideTheListIsRefused(String body, String field) {
        SubmittedStory story = published("Badly reported", "en", List.of());

        WebTestClient.BodyContentSpec answer = http.post().uri("/api/stories/{id}/reports", story.id())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        if (field != null) {
            answer.jsonPath("$.errors[0].field").isEqualTo(field);
        }
        api.moderator().get().uri("/api/admin/stories/{id}", story.id()).exchange()
                .expectBody().jsonPath("$.openReports").isEqualTo(0);
    }

    @Test
    void onlyPublishedStoriesCanBeReported() {
        SubmittedStory waiting = api.submit("Not public", "en");

        for (UUID id : List.of(waiting.id(), UUID.randomUUID())) {
            http.post().uri("/api/stories/{id}/reports", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("reason", "SPAM")).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void voicesCountEveryStoryShared() {
        http.get().uri("/api/stories/count").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.count").value(count -> assertThat(((Number) count).longValue()).isNotNegative());
    }

    private SubmittedStory published(String text, String language, List<String> warnings) {
        SubmittedStory story = api.submit(Map.of("text", text, "language", language, "contentWarnings", warnings));
        api.publish(story.id());
        return story;
    }

    private WebTestClient.ResponseSpec feature(UUID id, boolean featured) {
        return api.moderator().put().uri("/api/admin/stories/{id}/featured", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("featured", featured)).exchange();
    }

    private StoryPage page(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(StoryPage.class).returnResult().getResponseBody();
    }
}
