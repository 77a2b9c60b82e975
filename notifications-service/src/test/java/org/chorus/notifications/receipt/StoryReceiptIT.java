package org.chorus.notifications.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryAuthorOfferedHelp;
import org.chorus.contracts.StoryContactProvided;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryRejected;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.messaging.SealedBox;
import org.chorus.notifications.DatabaseDump;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@NotificationsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class StoryReceiptIT {

    private static final Duration MAIL = Duration.ofSeconds(30);
    /** The public half of application-development.yml's story-contacts key, as stories-service has it. */
    static final String DEVELOPMENT_CONTACT_KEY = "MCowBQYDK2VuAyEAj3sCRxhuDqs43qpKVuovKVAaSKQwIymR2KeXfNI84kw=";

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
    void contactInClearAsStoriesSentItBeforeSealingStillGetsItsReceipt() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORY_CONTACTS, new StoryContactProvided(UUID.randomUUID(), Instant.now(), story, email, "en"));
        publish(Topics.STORIES, submitted(story));

        assertThat(awaitMailTo(email).getSubject()).isEqualTo("We received your story");
    }

    @Test
    void contactSealedForAnotherStoryDoesNotOpenAndIsParked() {
        UUID story = UUID.randomUUID();
        StoryContactSealed other = contact(UUID.randomUUID(), address(), "en");

        publish(Topics.STORY_CONTACTS, new StoryContactSealed(UUID.randomUUID(), Instant.now(), story, other.keyId(),
                other.sealedEmail(), "en"));

        KafkaRecords.awaitKey(Topics.deadLetter(Topics.STORY_CONTACTS, "notifications"), story.toString(),
                Duration.ofSeconds(60));
        assertThat(count("select count(*) as n from author_contact where story_id = :id", story)).isZero();
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
        StoryContactSealed contact = contact(story, email, "en");

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
    void authorAddressRestsSealedAndNoCopyOfItIsKeptBeyondTheContactRow() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, submitted(story));
        awaitMailTo(email);

        await().atMost(MAIL).until(() ->
                count("select count(*) as n from outgoing_mail where story_id = :id and sent_at is not null", story) == 1);
        assertThat(count("select count(*) as n from author_contact where story_id = :id", story)).isEqualTo(1);
        assertThat(DatabaseDump.of(db)).doesNotContain(email.toLowerCase()).doesNotContain(email.substring(0, 20));
    }

    @Test
    void publishedStoryTellsTheAuthorKindlyWithTheManageLinkHintAndTheHotlineButNoStoryText(CapturedOutput logs)
            throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, submitted(story));
        publish(Topics.STORIES, new StoryPublished(UUID.randomUUID(), Instant.now(), story, "en"));

        MimeMessage published = awaitMailWithSubject(email, "Your story is now on Chorus");
        assertThat(body(published)).contains("private link you saved when you shared").contains("1-800-656-4673")
                .doesNotContain(story.toString());
        assertThat(logs.getAll()).doesNotContain(email);
    }

    @Test
    void rejectionReachesTheAuthorInTheirLanguageEvenWhenTheContactArrivesAfterTheDecision() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORIES, new StoryRejected(UUID.randomUUID(), Instant.now(), story, "es"));
        publish(Topics.STORY_CONTACTS, contact(story, email, "es"));

        MimeMessage rejected = awaitMailWithSubject(email, "Sobre la historia que compartiste");
        assertThat(body(rejected)).contains("enlace privado que guardaste").contains("1-800-656-4673")
                .contains("no es un juicio");
    }

    @Test
    void theHotlinesAModeratorSendsReachTheAuthorOnceWithoutAWordOfWhy() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();
        StoryAuthorOfferedHelp help = new StoryAuthorOfferedHelp(UUID.randomUUID(), Instant.now(), story);

        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, help);
        publish(Topics.STORIES, new StoryAuthorOfferedHelp(UUID.randomUUID(), Instant.now(), story));

        MimeMessage mail = awaitMailWithSubject(email, "People you can talk to");
        assertThat(body(mail)).contains("1-800-656-4673").contains("988").contains("911")
                .doesNotContain("self-harm").doesNotContain(story.toString());
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(mailsTo(email).stream().filter(m -> "People you can talk to".equals(subjectOf(m)))).hasSize(1);
    }

    @Test
    void theHotlinesForAnAuthorWithoutContactSendNothing() {
        UUID story = UUID.randomUUID();

        publish(Topics.STORIES, new StoryAuthorOfferedHelp(UUID.randomUUID(), Instant.now(), story));

        await().atMost(MAIL).until(() -> count("select count(*) as n from story_decision where story_id = :id", story) == 1);
        assertThat(count("select count(*) as n from outgoing_mail where story_id = :id", story)).isZero();
    }

    @Test
    void aStoryPublishedAgainAfterARevisionSendsOnePublishedMail() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();

        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, new StoryPublished(UUID.randomUUID(), Instant.now(), story, "en"));
        publish(Topics.STORIES, new StoryPublished(UUID.randomUUID(), Instant.now(), story, "en"));

        awaitMailWithSubject(email, "Your story is now on Chorus");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(mailsTo(email)).hasSize(1);
    }

    @Test
    void decisionOnAStoryWithoutContactSendsNothing() {
        UUID story = UUID.randomUUID();

        publish(Topics.STORIES, new StoryPublished(UUID.randomUUID(), Instant.now(), story, "en"));

        await().atMost(MAIL).until(() -> count("select count(*) as n from story_decision where story_id = :id", story) == 1);
        assertThat(count("select count(*) as n from outgoing_mail where story_id = :id", story)).isZero();
    }

    @Test
    void withdrawalErasesTheSealedContactAndEverythingKnownAboutTheStory() {
        UUID story = UUID.randomUUID();
        String email = address();
        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, submitted(story));
        publish(Topics.STORIES, new StoryRejected(UUID.randomUUID(), Instant.now(), story, "en"));
        await().atMost(MAIL).until(() -> count("select count(*) as n from outgoing_mail where story_id = :id", story) == 2);
        byte[] sealed = db.sql("select email_ciphertext from author_contact where story_id = :id").bind("id", story)
                .map(row -> row.get("email_ciphertext", byte[].class)).one().block();

        publish(Topics.STORIES, new StoryWithdrawn(UUID.randomUUID(), Instant.now(), story, StoryWithdrawn.BY_AUTHOR));

        await().atMost(MAIL).until(() -> !DatabaseDump.of(db).contains(story.toString()));
        assertThat(DatabaseDump.of(db)).doesNotContain(DatabaseDump.hex(sealed)).doesNotContain(email.toLowerCase());
    }

    @Test
    void contactTombstoneErasesTheAddressAndAnyUnsentMail() {
        UUID story = UUID.randomUUID();

        publish(Topics.STORY_CONTACTS, contact(story, address(), "en"));
        await().atMost(MAIL).until(() -> count("select count(*) as n from author_contact where story_id = :id", story) == 1);
        byte[] sealed = db.sql("select email_ciphertext from author_contact where story_id = :id").bind("id", story)
                .map(row -> row.get("email_ciphertext", byte[].class)).one().block();

        kafka.send(CloudEventHeaders.record(Topics.STORY_CONTACTS, story.toString(), UUID.randomUUID(), null,
                "/chorus/stories", Instant.now(), null));

        await().atMost(MAIL).until(() -> count("select count(*) as n from author_contact where story_id = :id", story) == 0);
        assertThat(DatabaseDump.of(db)).doesNotContain(DatabaseDump.hex(sealed));
    }

    @Test
    void eventThatCannotBeReadIsParkedOnTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();

        kafka.send(CloudEventHeaders.record(Topics.STORIES, key, UUID.randomUUID(),
                EventTypes.typeOf(StorySubmitted.class), "/chorus/stories", Instant.now(), "{not json"));

        KafkaRecords.awaitKey(Topics.deadLetter(Topics.STORIES, "notifications"), key, Duration.ofSeconds(60));
    }

    @Test
    void recordWithoutCeIdIsParkedOnEachConsumersDeadLetterTopicAndTheNextRecordIsStillApplied() throws Exception {
        UUID story = UUID.randomUUID();
        String email = address();
        StorySubmitted nameless = submitted(story);
        ProducerRecord<String, String> withoutId = new ProducerRecord<>(Topics.STORIES, nameless.key(),
                json.writeValueAsString(nameless));
        withoutId.headers().add(CloudEventHeaders.TYPE,
                EventTypes.typeOf(StorySubmitted.class).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        kafka.send(withoutId).join();
        publish(Topics.STORY_CONTACTS, contact(story, email, "en"));
        publish(Topics.STORIES, new StoryPublished(UUID.randomUUID(), Instant.now(), story, "en"));

        // both consumer groups of the story topic park it: author mail and the moderator digest
        KafkaRecords.awaitKey(Topics.deadLetter(Topics.STORIES, "notifications"), nameless.key(), MAIL);
        KafkaRecords.awaitKey(Topics.deadLetter(Topics.STORIES, "notifications-digest"), nameless.key(), MAIL);
        // the record after it is applied: the published mail goes out, and no receipt came from the nameless one
        assertThat(awaitMailTo(email).getSubject()).isEqualTo("Your story is now on Chorus");
        assertThat(mailsTo(email)).hasSize(1);
    }

    private void publish(String topic, IntegrationEvent event) {
        ProducerRecord<String, String> record = CloudEventHeaders.record(topic, event.key(), event.eventId(),
                EventTypes.typeOf(event.getClass()), "/chorus/stories", event.occurredAt(), json.writeValueAsString(event));
        kafka.send(record).join();
    }

    private static StorySubmitted submitted(UUID story) {
        return new StorySubmitted(UUID.randomUUID(), Instant.now(), story, "en");
    }

    /** The contact as stories-service sends it: sealed to this service's development public key. */
    static StoryContactSealed contact(UUID story, String email, String language) {
        byte[] sealed = SealedBox.seal(SealedBox.publicKey(DEVELOPMENT_CONTACT_KEY), email, StoryContactSealed.context(story));
        return new StoryContactSealed(UUID.randomUUID(), Instant.now(), story, "dev-only",
                Base64.getEncoder().encodeToString(sealed), language);
    }

    private static String address() {
        return "author-" + UUID.randomUUID() + "@example.org";
    }

    private long count(String sql, UUID story) {
        return db.sql(sql).bind("id", story).map(row -> row.get("n", Long.class)).one().block();
    }

    private static MimeMessage awaitMailWithSubject(String email, String subject) {
        await().atMost(MAIL).until(() -> mailsTo(email).stream().anyMatch(m -> subject.equals(subjectOf(m))));
        return mailsTo(email).stream().filter(m -> subject.equals(subjectOf(m))).findFirst().orElseThrow();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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
