package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.messaging.SealedBox;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

@StoriesIntegrationTest
class StorySubmissionIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);
    /** notifications-service's development private key for contact addresses, published like the public one. */
    private static final String NOTIFICATIONS_DEVELOPMENT_KEY =
            "MC4CAQAwBQYDK2VuBCIEIDO5C34Z70AhAQtk83mSSfm19si+Pn01Op9l8xWTL23S";

    @Autowired
    WebTestClient http;

    @Autowired
    StoryApi api;

    @Autowired
    DatabaseClient db;

    @Autowired
    JsonMapper json;

    @Test
    void submittedStoryIsQueuedForModerationAndAnnouncedWithoutItsText() {
        String text = "I was nineteen. " + UUID.randomUUID();

        UUID id = submit(Map.of("text", text, "language", "en"));

        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri("/api/admin/stories?status=SUBMITTED&limit=200").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == '%s')].language".formatted(id)).isEqualTo("en");
        ConsumerRecord<String, String> event = KafkaRecords.awaitKey(Topics.STORIES, id.toString(), KAFKA);
        assertThat(CloudEventHeaders.get(event.headers(), CloudEventHeaders.TYPE))
                .contains(EventTypes.typeOf(StorySubmitted.class));
        assertThat(event.value()).contains(id.toString()).doesNotContain(text);
    }

    @Test
    void theAnswerSaysHowManyStoriesWaitAndWhatTheLastHoursPaceMakesOfIt() {
        ExpectedReview review = api.submit("A story that waits its turn.", "en").expectedReview();

        assertThat(review).isNotNull();
        assertThat(review.withinHours()).isEqualTo(review.decidedLastHour() == 0 ? null
                : Math.max(1, (review.waiting() + review.decidedLastHour() - 1) / review.decidedLastHour()));
    }

    @Test
    void theEstimateCountsTheStoriesWaitingAndThoseDecidedInTheLastHour(@Autowired DatabaseClient db,
                                                                       @Autowired Clock clock) {
        ReviewEstimates estimates = new ReviewEstimates(db, clock, Duration.ZERO);
        ExpectedReview before = estimates.current().block();
        api.publish(api.submit("A story a moderator reads at once.", "en").id());
        api.submit("A story that waits.", "en");

        ExpectedReview after = estimates.current().block();

        assertThat(after.decidedLastHour()).isEqualTo(before.decidedLastHour() + 1);
        assertThat(after.waiting()).isEqualTo(before.waiting() + 1);
        assertThat(after.withinHours()).isNotNull();
    }

    @Test
    void contactGivenWithConsentTravelsOnlyOnTheContactsTopicSealedToNotifications() throws Exception {
        String email = "author-" + UUID.randomUUID() + "@example.org";

        UUID id = submit(Map.of("text", "My story", "language", "es", "contactEmail", email, "contactConsent", true));

        ConsumerRecord<String, String> contact = KafkaRecords.awaitKey(Topics.STORY_CONTACTS, id.toString(), KAFKA);
        assertThat(CloudEventHeaders.get(contact.headers(), CloudEventHeaders.TYPE))
                .contains(EventTypes.typeOf(StoryContactSealed.class));
        assertThat(contact.value()).doesNotContain(email).contains("\"language\":\"es\"");
        StoryContactSealed sealed = json.readValue(contact.value(), StoryContactSealed.class);
        assertThat(sealed.keyId()).isEqualTo("dev-only");
        assertThat(SealedBox.open(SealedBox.privateKey(NOTIFICATIONS_DEVELOPMENT_KEY),
                Base64.getDecoder().decode(sealed.sealedEmail()), StoryContactSealed.context(id)))
                .as("notifications' private key opens it").isEqualTo(email);
        assertThat(KafkaRecords.awaitKey(Topics.STORIES, id.toString(), KAFKA).value()).doesNotContain(email);
        assertThat(countOutboxRowsHolding(email)).as("published contact rows leave the outbox").isZero();
    }

    @Test
    void storyWithoutContactPublishesNoContactRecord() {
        UUID id = submit(Map.of("text", "No contact please", "language", "en"));

        KafkaRecords.awaitKey(Topics.STORIES, id.toString(), KAFKA);
        assertThat(KafkaRecords.read(Topics.STORY_CONTACTS, record -> id.toString().equals(record.key()), 1,
                Duration.ofSeconds(2))).isEmpty();
    }

    static Stream<Arguments> hostileText() {
        return Stream.of(
                Arguments.of("<script>alert('x')</script>"),
                Arguments.of("'; drop table story; --"),
                Arguments.of("Ünïcödé ✊🏽 مرحبا שלום \u200b\u202e reversed"),
                Arguments.of("x".repeat(StorySubmission.MAX_TEXT)));
    }

    @ParameterizedTest
    @MethodSource("hostileText")
    void anyTextWithinTheLimitIsStoredExactlyAsWritten(String text) {
        SubmittedStory story = api.submit(Map.of("text", text, "language", "en"));

        assertThat(api.managed(story.manageToken()).text()).isEqualTo(text);
    }

    static Stream<Arguments> invalidSubmissions() {
        return Stream.of(
                Arguments.of("blank text", Map.of("text", "   ", "language", "en"), "text"),
                Arguments.of("missing text", Map.of("language", "en"), "text"),
                Arguments.of("oversized text", Map.of("text", "x".repeat(StorySubmission.MAX_TEXT + 1), "language", "en"), "text"),
                Arguments.of("oversized title", Map.of("title", "t".repeat(201), "text", "ok", "language", "en"), "title"),
                Arguments.of("missing language", Map.of("text", "ok"), "language"),
                Arguments.of("unknown language", Map.of("text", "ok", "language", "fr'--"), "language"),
                Arguments.of("invalid email", Map.of("text", "ok", "language", "en", "contactEmail", "not-an-email", "contactConsent", true), "contactEmail"),
                Arguments.of("email without consent", Map.of("text", "ok", "language", "en", "contactEmail", "a@example.org"), "contactConsent"),
                Arguments.of("consent without email", Map.of("text", "ok", "language", "en", "contactConsent", true), "contactEmail"),
                Arguments.of("wrong type", Map.of("text", "ok", "language", "en", "contactConsent", Map.of("yes", 1)), "contactConsent"),
                Arguments.of("unknown content warning", Map.of("text", "ok", "language", "en", "contentWarnings", List.of("violence", "<script>")), "contentWarnings"),
                Arguments.of("content warnings not a list", Map.of("text", "ok", "language", "en", "contentWarnings", Map.of("a", 1)), "contentWarnings"),
                Arguments.of("too many content warnings", Map.of("text", "ok", "language", "en", "contentWarnings", Collections.nCopies(11, "violence")), "contentWarnings"),
                Arguments.of("text of the wrong type", Map.of("text", Map.of("nested", "object"), "language", "en"), "text"),
                Arguments.of("name with anonymity", Map.of("text", "ok", "language", "en", "namedAs", "anonymous", "name", "Ana"), "name"),
                Arguments.of("pseudonym without a name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym"), "name"),
                Arguments.of("first name blank", Map.of("text", "ok", "language", "en", "namedAs", "first-name", "name", " \t "), "name"),
                Arguments.of("name without how to be named", Map.of("text", "ok", "language", "en", "name", "Ana"), "namedAs"),
                Arguments.of("unknown way to be named", Map.of("text", "ok", "language", "en", "namedAs", "<script>", "name", "Ana"), "namedAs"),
                Arguments.of("way to be named of the wrong type", Map.of("text", "ok", "language", "en", "namedAs", List.of("pseudonym")), "namedAs"),
                Arguments.of("name of the wrong type", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", Map.of("first", "Ana")), "name"),
                Arguments.of("oversized name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", "ñ".repeat(AuthorName.MAX_NAME + 1)), "name"),
                Arguments.of("huge name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", "x".repeat(100_000)), "name"),
                Arguments.of("email as name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", "luz@example.org"), "name"),
                Arguments.of("handle as name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", "@luz_survives"), "name"),
                Arguments.of("web address as name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", "luzsurvives.com"), "name"),
                Arguments.of("link as name", Map.of("text", "ok", "language", "en", "namedAs", "pseudonym", "name", "https://x.y/luz"), "name"),
                Arguments.of("phone number as name", Map.of("text", "ok", "language", "en", "namedAs", "first-name", "name", "Ana +1 (212) 555-0147"), "name"),
                Arguments.of("name over two lines", Map.of("text", "ok", "language", "en", "namedAs", "first-name", "name", "Ana\nSmith"), "name"),
                Arguments.of("name with a direction override", Map.of("text", "ok", "language", "en", "namedAs", "first-name", "name", "\u202eanA"), "name"),
                Arguments.of("name with a control character", Map.of("text", "ok", "language", "en", "namedAs", "first-name", "name", "Ana\u0000"), "name"),
                Arguments.of("unknown theme", Map.of("text", "ok", "language", "en", "themes", List.of("healing", "'; drop table story; --")), "themes"),
                Arguments.of("too many themes", Map.of("text", "ok", "language", "en", "themes", List.of("healing", "justice", "campus", "family", "online", "support")), "themes"),
                Arguments.of("themes not a list", Map.of("text", "ok", "language", "en", "themes", Map.of("healing", true)), "themes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSubmissions")
    void invalidSubmissionIsRefusedNamingTheFieldAndStoresNothing(String why, Map<String, Object> body, String field) {
        long before = storyCount();

        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);

        assertThat(storyCount()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": \"unterminated")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void emptyBodyIsAProblemNotAServerError() {
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void wrongContentTypeIsRefused() {
        http.post().uri("/api/stories").contentType(MediaType.TEXT_PLAIN).bodyValue("text=hello").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void hugeBodyIsRefusedBeforeItIsParsed() {
        String huge = "{\"text\": \"" + "x".repeat(1_000_000) + "\", \"language\": \"en\"}";

        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void sendingTheSameStoryAgainUnderItsChosenTokenAnswersTheFirstAndStoresNothingMore() {
        String token = ManageToken.generate();
        Map<String, Object> body = Map.of("text", "Sent twice, an answer lost " + UUID.randomUUID(), "language", "en");
        long before = storyCount();

        SubmittedStory first = submitWithToken(token, body, 201);
        SubmittedStory again = submitWithToken(token, body, 200);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.manageToken()).isEqualTo(token).isEqualTo(first.manageToken());
        assertThat(storyCount()).isEqualTo(before + 1);
        KafkaRecords.awaitKey(Topics.STORIES, first.id().toString(), KAFKA);
        assertThat(KafkaRecords.read(Topics.STORIES, record -> first.id().toString().equals(record.key()), 2,
                Duration.ofSeconds(3))).as("StorySubmitted once").hasSize(1);
        http.get().uri("/api/stories/manage").header(ManageToken.HEADER, token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(first.id().toString());
    }

    @Test
    void attemptsRacingUnderOneTokenStoreOneStory() {
        ExecutorService attempts = Executors.newFixedThreadPool(8);
        String token = ManageToken.generate();
        Map<String, Object> body = Map.of("text", "Eight tabs at once " + UUID.randomUUID(), "language", "en");
        long before = storyCount();

        List<Integer> statuses = Stream.generate(() -> CompletableFuture.supplyAsync(() -> http.post()
                        .uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                        .header(ManageToken.HEADER, token).bodyValue(body).exchange()
                        .returnResult(String.class).getStatus().value(), attempts))
                .limit(8).toList().stream().map(CompletableFuture::join).toList();

        attempts.shutdown();

        assertThat(statuses).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
        assertThat(storyCount()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void aChosenTokenThatIsNotOneIsAProblemNamingTheHeader(String token) {
        long before = storyCount();

        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).header(ManageToken.HEADER, token)
                .bodyValue(Map.of("text", "A story", "language", "en")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(ManageToken.HEADER);
        assertThat(storyCount()).isEqualTo(before);
    }

    static Stream<String> malformedTokens() {
        return Stream.of("", "short", "x".repeat(42), "x".repeat(44), "x".repeat(10_000),
                "<script>alert(1)</script>xxxxxxxxxxxxxxxxxxxxxxxxxx",
                "'; drop table story; --xxxxxxxxxxxxxxxxxxxxxxxxx", "é".repeat(43), "a+b/" + "c".repeat(39));
    }

    private SubmittedStory submitWithToken(String token, Map<String, Object> body, int status) {
        SubmittedStory answer = http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .header(ManageToken.HEADER, token).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody(SubmittedStory.class).returnResult().getResponseBody();
        assertThat(answer).isNotNull();
        return answer;
    }

    private UUID submit(Map<String, Object> body) {
        SubmittedStory answer = http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(SubmittedStory.class).returnResult().getResponseBody();
        assertThat(answer).isNotNull();
        assertThat(answer.status()).isEqualTo(StoryStatus.SUBMITTED);
        return answer.id();
    }

    private long storyCount() {
        return db.sql("select count(*) as n from story").map(row -> row.get("n", Long.class)).one().block();
    }

    private long countOutboxRowsHolding(String text) {
        return db.sql("select count(*) as n from outbox_event where payload like :text")
                .bind("text", "%" + text + "%").map(row -> row.get("n", Long.class)).one().block();
    }
}
