package org.chorus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StorySubmitted;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

@MessagingIntegrationTest
class OutboxRelayIT {

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactional;

    @Autowired
    DatabaseClient db;

    @Test
    void eventOfACommittedTransactionIsPublishedWithCloudEventHeadersAndLeavesTheOutbox() {
        String topic = newTopic(Map.of());
        StorySubmitted event = storySubmitted();

        outbox.append(topic, event).as(transactional::transactional).block();

        ConsumerRecord<String, String> record = consumeOne(topic);
        assertThat(record.key()).isEqualTo(event.storyId().toString());
        assertThat(record.value()).contains(event.storyId().toString()).contains("\"language\":\"en\"");
        assertThat(CloudEventHeaders.id(record.headers())).contains(event.eventId());
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE))
                .contains(EventTypes.typeOf(StorySubmitted.class));
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.SOURCE)).contains("/chorus/messaging-test");
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME)).contains("2027-10-15T13:00:00Z");
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(event.eventId()) == 0);
    }

    @Test
    void eventOfARolledBackTransactionIsNeverPublished() {
        String topic = newTopic(Map.of());
        StorySubmitted event = storySubmitted();

        Mono<Void> failingChange = outbox.append(topic, event)
                .then(Mono.error(new IllegalStateException("the business change failed")));
        try {
            failingChange.as(transactional::transactional).block();
        } catch (IllegalStateException expected) {
            // the rollback is what this test is about
        }

        assertThat(pending(event.eventId())).isZero();
        assertThat(consumeAll(topic, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void relayThatCannotPublishKeepsTheEventAndRetriesUntilKafkaAcceptsIt() throws Exception {
        // the topic refuses records larger than 64 bytes, so every attempt fails for real at the broker
        String topic = newTopic(Map.of("max.message.bytes", "64"));
        StorySubmitted event = storySubmitted();

        outbox.append(topic, event).as(transactional::transactional).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(event.eventId()) >= 2);
        assertThat(lastError(event.eventId())).contains("RecordTooLarge");

        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "1048576"), AlterConfigOp.OpType.SET)))).all().get();
        }

        ConsumerRecord<String, String> record = consumeOne(topic);
        assertThat(CloudEventHeaders.id(record.headers())).contains(event.eventId());
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(event.eventId()) == 0);
    }

    @Test
    void tombstoneIsPublishedWithANullValueForItsKey() {
        String topic = newTopic(Map.of("cleanup.policy", "compact"));
        String key = UUID.randomUUID().toString();

        outbox.appendTombstone(topic, key).as(transactional::transactional).block();

        ConsumerRecord<String, String> record = consumeOne(topic);
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isNull();
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)).isEmpty();
    }

    private static StorySubmitted storySubmitted() {
        return new StorySubmitted(UUID.randomUUID(), Instant.parse("2027-10-15T13:00:00Z"), UUID.randomUUID(), "en");
    }

    private long pending(UUID id) {
        return db.sql("select count(*) as n from outbox_event where id = :id").bind("id", id)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private int attempts(UUID id) {
        return db.sql("select attempts from outbox_event where id = :id").bind("id", id)
                .map(row -> row.get("attempts", Integer.class)).one().blockOptional().orElse(0);
    }

    private String lastError(UUID id) {
        return db.sql("select last_error from outbox_event where id = :id").bind("id", id)
                .map(row -> row.get("last_error", String.class)).one().block();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers()));
    }

    private static String newTopic(Map<String, String> config) {
        String topic = "outbox-test-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(config))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return topic;
    }

    private static ConsumerRecord<String, String> consumeOne(String topic) {
        List<ConsumerRecord<String, String>> records = KafkaRecords.read(topic, record -> true, 1, Duration.ofSeconds(30));
        assertThat(records).as("records on %s", topic).hasSize(1);
        return records.get(0);
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, Duration within) {
        return KafkaRecords.read(topic, record -> true, Integer.MAX_VALUE, within);
    }
}
