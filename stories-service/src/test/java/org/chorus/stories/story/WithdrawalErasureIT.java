package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.stories.StoriesDatabase;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class WithdrawalErasureIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StoryApi api;

    @Test
    void storyTextAndTitleAreNeverStoredInClear() {
        String title = "Title " + StoryApi.uniqueWord();
        String text = "Unpublished words " + StoryApi.uniqueWord();

        SubmittedStory story = api.submit(Map.of("title", title, "text", text, "language", "en"));

        String dump = StoriesDatabase.dump(db);
        assertThat(dump).as("the dump holds the story's row").contains(story.id().toString());
        assertNoTraceOf(dump, title, text);
    }

    @Test
    void withdrawalErasesTheStoryItsKeyAndTheContactFromEveryTableAndTellsKafkaToForget() {
        String title = "Title " + StoryApi.uniqueWord();
        String text = "Words I take back " + StoryApi.uniqueWord();
        String redacted = "Words as published " + StoryApi.uniqueWord();
        String email = "author-" + UUID.randomUUID() + "@example.org";
        String name = "Zq" + StoryApi.uniqueWord();
        SubmittedStory story = api.submit(Map.of("title", title, "text", text, "language", "en",
                "contactEmail", email, "contactConsent", true, "namedAs", "pseudonym", "name", name));
        api.publish(story.id(), Map.of("text", redacted));
        http.post().uri("/api/stories/{id}/reports", story.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "IDENTIFIES_SOMEONE")).exchange().expectStatus().isAccepted();
        KafkaRecords.awaitKey(Topics.STORY_CONTACTS, story.id().toString(), KAFKA);

        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();

        List<ConsumerRecord<String, String>> tombstones = KafkaRecords.read(Topics.STORY_CONTACTS,
                record -> story.id().toString().equals(record.key()) && record.value() == null, 1, KAFKA);
        assertThat(tombstones).as("a tombstone for the contact").hasSize(1);
        List<ConsumerRecord<String, String>> events = KafkaRecords.read(Topics.STORIES,
                record -> story.id().toString().equals(record.key()), 4, KAFKA);
        assertThat(events).extracting(event -> CloudEventHeaders.get(event.headers(), CloudEventHeaders.TYPE).orElseThrow())
                .contains(EventTypes.typeOf(StoryWithdrawn.class));
        assertThat(events).filteredOn(event -> CloudEventHeaders.get(event.headers(), CloudEventHeaders.TYPE)
                        .orElseThrow().equals(EventTypes.typeOf(StoryWithdrawn.class)))
                .singleElement().satisfies(event -> assertThat(event.value()).contains("\"reason\":\"author\""));
        assertThat(events).allSatisfy(event -> assertThat(event.value())
                .doesNotContain(text).doesNotContain(redacted).doesNotContain(title).doesNotContain(email)
                .doesNotContain(name));
        await().atMost(KAFKA).until(() -> outboxRowsFor(story.id()) == 0);
        String dump = StoriesDatabase.dump(db);
        assertNoTraceOf(dump, title, text, redacted, email, name);
        assertThat(dump).as("only the audit log remembers the id").contains(story.id().toString());
        assertThat(rowsAbout(story.id())).isZero();
    }

    @Test
    void withdrawnStoryLeavesThePublicListAndItsPage() {
        String word = StoryApi.uniqueWord();
        SubmittedStory story = api.submit("Public for a while " + word, "en");
        api.publish(story.id());
        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isOk();

        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();

        http.get().uri("/api/stories/{id}", story.id()).exchange().expectStatus().isNotFound();
        http.get().uri("/api/stories?q={q}", word).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    private static void assertNoTraceOf(String dump, String... secrets) {
        for (String secret : secrets) {
            assertThat(dump).doesNotContain(secret)
                    .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private long outboxRowsFor(UUID id) {
        return db.sql("select count(*) as n from outbox_event where event_key = :key").bind("key", id.toString())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long rowsAbout(UUID id) {
        return db.sql("""
                        select (select count(*) from story where id = :id)
                             + (select count(*) from story_data_key where story_id = :id)
                             + (select count(*) from published_story where story_id = :id)
                             + (select count(*) from story_report where story_id = :id)
                             + (select count(*) from story_consent where story_id = :id) as n""")
                .bind("id", id).map(row -> row.get("n", Long.class)).one().block();
    }
}
