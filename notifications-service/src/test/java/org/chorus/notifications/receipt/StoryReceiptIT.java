package org.chorus.notifications.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryContactProvided;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@NotificationsIntegrationTest
class StoryReceiptIT {

    private static final Duration MAIL = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    @Test
    void authorWhoGaveAContactGetsAReceiptWithoutTheStoryText() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, submitted(story));

        MimeMessage receipt = awaitMailTo(email);
        assertThat(receipt.getSubject()).isEqualTo("We received your story");
        assertThat(receipt.getFrom()[0].toString()).contains("no-reply@chorus.invalid");
        assertThat(body(receipt)).contains("1-800-656-4673").contains("withdraw");
    }

    @Test
    void spanishSpeakingAuthorGetsTheReceiptInSpanish() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORIES, submitted(story));
        publish(Topics.STORY_CONTACTS, contact(story, email, "es"));

        assertThat(awaitMailTo(email).getSubject()).isEqualTo("Recibimos tu historia");
    }

    @Test
    void eventsDeliveredTwiceAndInEitherOrderSendOneReceipt() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();
        StorySubmitted submitted = submitted(story);
        StoryContactProvided contact = contact(story, email, "en");

        publish(Topics.STORIES, submitted);
        publish(Topics.STORY_CONTACTS, contact);
        publish(Topics.STORIES, submitted);
        publish(Topics.STORY_CONTACTS, contact);

        awaitMailTo(email);
        // give a wrongly repeated mail every chance to arrive before counting
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(mailsTo(email)).hasSize(1);
    }

    @Test
    void storyWithoutContactSendsNoMailAndKeepsNoAddress() {
        UUID story = UUID.randomUUID();

        publish(Topics.STORIES, submitted(story));

        await().atMost(MAIL).until(() -> count("select count(*) as n from submitted_story where story_id = :id", story) == 1);
        assertThat(count("select count(*) as n from outgoing_mail where story_id = :id", story)).isZero();
    }

    @Test
    void sentReceiptKeepsNoCopyOfTheAddress() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, submitted(story));
        awaitMailTo(email);

        await().atMost(MAIL).until(() ->
                count("select count(*) as n from outgoing_mail where story_id = :id and recipient is null", story) == 1);
    }

    @Test
    void contactTombstoneErasesTheAddressAndAnyUnsentMail() {
        UUID story = UUID.randomUUID();

        publish(Topics.STORY_CONTACTS, contact(story, address(), "en"));
        await().atMost(MAIL).until(() -> count("select count(*) as n from author_contact where story_id = :id", story) == 1);

        kafka.send(CloudEventHeaders.record(Topics.STORY_CONTACTS, story.toString(), UUID.randomUUID(), null,
                "/chorus/stories", Instant.now(), null));

        await().atMost(MAIL).until(() -> count("select count(*) as n from author_contact where story_id = :id", story) == 0);
    }

    @Test
    void eventThatCannotBeReadIsParkedOnTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();

        kafka.send(CloudEventHeaders.record(Topics.STORIES, key, UUID.randomUUID(),
                EventTypes.typeOf(StorySubmitted.class), "/chorus/stories", Instant.now(), "{not json"));

        KafkaRecords.awaitKey(Topics.deadLetter(Topics.STORIES, "notifications"), key, Duration.ofSeconds(60));
    }

    private void publish(String topic, IntegrationEvent event) {
        ProducerRecord<String, String> record = CloudEventHeaders.record(topic, event.key(), event.eventId(),
                EventTypes.typeOf(event.getClass()), "/chorus/stories", event.occurredAt(), json.writeValueAsString(event));
        kafka.send(record).join();
    }

    private static StorySubmitted submitted(UUID story) {
        return new StorySubmitted(UUID.randomUUID(), Instant.now(), story, "en");
    }

    private static StoryContactProvided contact(UUID story, String email, String language) {
        return new StoryContactProvided(UUID.randomUUID(), Instant.now(), story, email, language);
    }

    private static String address() {
        return "author-" + UUID.randomUUID() + "@example.org";
    }

    private long count(String sql, UUID story) {
        return db.sql(sql).bind("id", story).map(row -> row.get("n", Long.class)).one().block();
    }

    private static MimeMessage awaitMailTo(String email) {
        await().atMost(MAIL).until(() -> !mailsTo(email).isEmpty());
        return mailsTo(email).get(0);
    }

    private static List<MimeMessage> mailsTo(String email) {
        return Infrastructure.smtp().receivedBy(email);
    }

    private static String body(MimeMessage message) throws IOException, MessagingException {
        return String.valueOf(message.getContent());
    }
}
