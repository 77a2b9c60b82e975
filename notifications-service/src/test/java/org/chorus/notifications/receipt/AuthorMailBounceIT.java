package org.chorus.notifications.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.notifications.BounceMailboxServer;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.notifications.mail.BounceMailbox;
import org.chorus.notifications.mail.BounceMailbox.Outcome;
import org.chorus.notifications.mail.Reports;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bounce of mail to a story's author, read from the real IMAP bounce mailbox: the mail is marked bounced and the
 * contact forgotten, so nothing more is sent to an address that does not take our mail; a bounce that names another
 * address changes nothing. On the old code the contact stayed and later decisions were mailed to it again.
 */
@NotificationsIntegrationTest
class AuthorMailBounceIT {

    private static final Duration MAIL = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    @Autowired
    BounceMailbox mailbox;

    @BeforeEach
    void emptyMailbox() throws Exception {
        mailbox.readOnce();
    }

    @Test
    void aHardBounceOfAnAuthorMailForgetsTheContactAndMarksTheMail() throws Exception {
        UUID story = UUID.randomUUID();
        String email = "author-" + UUID.randomUUID() + "@example.org";
        MimeMessage receipt = receiptFor(story, email);
        assertThat(receipt.getMessageID()).startsWith("<chorus.a.");

        // a bounce for someone else that quotes our mail: nothing
        BounceMailboxServer.deliver(Reports.dsn("stranger@example.org", "failed", "5.1.1", receipt.getMessageID()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.UNMATCHED, 1L));
        assertThat(count("select count(*) from author_contact where story_id = :id", story)).isEqualTo(1);

        BounceMailboxServer.deliver(Reports.dsn(email, "failed", "5.1.1", receipt.getMessageID()));
        assertThat(mailbox.readOnce()).isEqualTo(Map.of(Outcome.APPLIED, 1L));
        assertThat(count("select count(*) from author_contact where story_id = :id", story)).isZero();
        assertThat(count("select count(*) from outgoing_mail where story_id = :id and bounced_at is not null", story))
                .isEqualTo(1);
    }

    private MimeMessage receiptFor(UUID story, String email) {
        publish(Topics.STORY_CONTACTS, StoryReceiptIT.contact(story, email, "en"));
        publish(Topics.STORIES, new StorySubmitted(UUID.randomUUID(), Instant.now(), story, "en"));
        await().atMost(MAIL).until(() -> !Infrastructure.smtp().receivedBy(email).isEmpty());
        List<MimeMessage> mails = Infrastructure.smtp().receivedBy(email);
        return mails.get(0);
    }

    private void publish(String topic, IntegrationEvent event) {
        ProducerRecord<String, String> record = CloudEventHeaders.record(topic, event.key(), event.eventId(),
                EventTypes.typeOf(event.getClass()), "/chorus/stories", event.occurredAt(), json.writeValueAsString(event));
        kafka.send(record).join();
    }

    private long count(String sql, UUID story) {
        return db.sql(sql).bind("id", story).map(row -> row.get(0, Long.class)).one().block();
    }
}
