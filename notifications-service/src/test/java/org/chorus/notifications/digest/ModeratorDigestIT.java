package org.chorus.notifications.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryFlagged;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryReportsResolved;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/** Digests through real Kafka, real Keycloak (who the moderators are) and a real SMTP server. */
@NotificationsIntegrationTest
class ModeratorDigestIT {

    private static final String MODERATOR = "moderator@chorus.invalid";

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    @Test
    void moderatorsGetOneDigestPerIntervalWithCountsOnly() throws Exception {
        // other test classes leave stories waiting; start from an empty queue and a digest that is due
        db.sql("delete from waiting_story").then().block();
        db.sql("update moderator_digest set last_sent_at = now()").then().block();
        int before = mailsTo(MODERATOR).size();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID published = UUID.randomUUID();
        UUID reported = UUID.randomUUID();
        UUID resolved = UUID.randomUUID();

        publish(new StorySubmitted(UUID.randomUUID(), Instant.now(), first, "en"));
        publish(new StorySubmitted(UUID.randomUUID(), Instant.now(), second, "es"));
        publish(new StorySubmitted(UUID.randomUUID(), Instant.now(), published, "en"));
        publish(new StoryPublished(UUID.randomUUID(), Instant.now(), published, "en"));
        publish(new StoryFlagged(UUID.randomUUID(), Instant.now(), reported, "IDENTIFIES_SOMEONE"));
        publish(new StoryFlagged(UUID.randomUUID(), Instant.now(), resolved, "HARMFUL"));
        publish(new StoryReportsResolved(UUID.randomUUID(), Instant.now(), resolved));
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == 3);
        db.sql("update moderator_digest set last_sent_at = null").then().block();

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(MODERATOR).size() == before + 1);
        MimeMessage digest = mailsTo(MODERATOR).get(before);
        String text = (String) digest.getContent();
        assertThat(digest.getSubject()).isEqualTo("3 stories are waiting for moderation");
        assertThat(text).contains("New stories waiting for review: 2").contains("Stories reported by readers:    1")
                .doesNotContain(first.toString()).doesNotContain(reported.toString());
        // admin holds every staff role (its copy goes out right after); the resource editor does not moderate
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailsTo("admin@chorus.invalid").isEmpty());
        assertThat(mailsTo("admin@chorus.invalid")).isNotEmpty();
        assertThat(mailsTo("editor@chorus.invalid")).isEmpty();
        assertThat(mailsTo("campaigns@chorus.invalid")).isEmpty();

        publish(new StorySubmitted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "en"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo(MODERATOR).size() == before + 1);

        // the interval passes
        db.sql("update moderator_digest set last_sent_at = now() - interval '5 hours'").then().block();
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(MODERATOR).size() == before + 2);
        assertThat(mailsTo(MODERATOR).get(before + 1).getSubject()).isEqualTo("4 stories are waiting for moderation");
    }

    @Test
    void nothingWaitingMeansNoDigest() {
        db.sql("delete from waiting_story").then().block();
        db.sql("update moderator_digest set last_sent_at = null").then().block();
        int before = mailsTo(MODERATOR).size();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo(MODERATOR).size() == before);
        db.sql("update moderator_digest set last_sent_at = now()").then().block();
    }

    private long waiting() {
        return db.sql("select count(*) as n from waiting_story").map(row -> row.get("n", Long.class)).one().block();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Infrastructure.smtp().receivedBy(address);
    }

    private void publish(IntegrationEvent event) throws Exception {
        kafka.send(CloudEventHeaders.record(Topics.STORIES, event.key(), event.eventId(),
                EventTypes.typeOf(event.getClass()), "/chorus/test", event.occurredAt(),
                json.writeValueAsString(event))).get();
    }
}
