package org.chorus.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.chorus.contracts.CampaignRecipientsQueued;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15, fault 6: on every topic this service consumes, each kind of poison record (a payload that does not parse,
 * an unknown type, no {@code ce_id}, an event under a key not its own) is parked on the dead-letter topic of each
 * consumer group that reads it, with headers that tell an operator where it came from and why, and the group goes on:
 * its committed offset passes the poison and the good record sent after it.
 */
@NotificationsIntegrationTest
class PoisonRecordsIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    /** Each consumed topic, the consumer groups reading it, and a good event for it. */
    private record Consumed(String topic, List<String> groups) {
    }

    private static final List<Consumed> CONSUMED = List.of(
            new Consumed(Topics.STORIES, List.of("notifications", "notifications-digest")),
            new Consumed(Topics.STORY_CONTACTS, List.of("notifications")),
            new Consumed(Topics.MAIL_DISPATCH, List.of("notifications-dispatch")),
            new Consumed(Topics.RESOURCES, List.of("notifications-help-near-you")));

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Test
    void everyKindOfPoisonOnEveryConsumedTopicIsParkedWithItsReasonAndTheConsumersGoOn() throws Exception {
        List<String> report = new ArrayList<>();
        int parked = 0;
        for (Consumed consumed : CONSUMED) {
            List<Poison> poisons = poisons(consumed.topic());
            List<SendResult<String, String>> sent = new ArrayList<>();
            for (Poison poison : poisons) {
                sent.add(kafka.send(poison.record()).get(10, TimeUnit.SECONDS));
            }
            IntegrationEvent good = good(consumed.topic());
            sent.add(kafka.send(record(consumed.topic(), good.key(), good)).get(10, TimeUnit.SECONDS));

            for (String group : consumed.groups()) {
                String deadLetters = Topics.deadLetter(consumed.topic(), group);
                for (Poison poison : poisons) {
                    ConsumerRecord<String, String> dead = KafkaRecords.awaitKey(deadLetters, poison.record().key(), WITHIN);
                    assertThat(header(dead, "kafka_dlt-exception-message")).as(poison.kind() + " on " + deadLetters)
                            .contains(poison.reason());
                    assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(consumed.topic());
                    assertThat(header(dead, "kafka_dlt-original-offset")).isNotBlank();
                    parked++;
                }
                awaitCommittedPast(group, sent);
                report.add(consumed.topic() + " [" + group + "]: " + poisons.size() + " parked, consumer past them");
            }
        }
        System.out.printf("PoisonRecordsIT: %d poison records (4 kinds x 4 topics) parked %d times over 5 consumer groups,"
                + " 0 left in the way; %s%n", 16, parked, report);
        assertThat(parked).isEqualTo(4 * 5);
    }

    private record Poison(String kind, String reason, ProducerRecord<String, String> record) {
    }

    private List<Poison> poisons(String topic) {
        IntegrationEvent event = good(topic);
        String type = EventTypes.typeOf(event.getClass());
        String payload = json.writeValueAsString(event);
        ProducerRecord<String, String> withoutId = new ProducerRecord<>(topic, UUID.randomUUID().toString(), payload);
        withoutId.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Poison("unparseable", "payload is not a", CloudEventHeaders.record(topic,
                        UUID.randomUUID().toString(), UUID.randomUUID(), type, "/test", Instant.now(), "{not json")),
                new Poison("unknown type", "unknown ce_type", CloudEventHeaders.record(topic,
                        UUID.randomUUID().toString(), UUID.randomUUID(), "org.chorus.NoSuchEvent", "/test",
                        Instant.now(), payload)),
                new Poison("missing ce_id", "no ce_id header", withoutId),
                // a well-formed event, but under a key that is not its own (a fresh key: the event's is elsewhere)
                new Poison("wrong key", "record key is not the event's key",
                        record(topic, UUID.randomUUID().toString(), event)));
    }

    private static IntegrationEvent good(String topic) {
        UUID story = UUID.randomUUID();
        return switch (topic) {
            case Topics.STORIES -> new StorySubmitted(UUID.randomUUID(), Instant.now(), story, "en");
            // not sealed to this service's key: it would be parked as well, so the good one here is the clear contact
            case Topics.STORY_CONTACTS -> new org.chorus.contracts.StoryContactProvided(UUID.randomUUID(),
                    Instant.now(), story, "poison-test-" + story + "@example.org", "en");
            case Topics.MAIL_DISPATCH -> new CampaignRecipientsQueued(UUID.randomUUID(), Instant.now(),
                    UUID.randomUUID(), List.of());
            case Topics.RESOURCES -> new org.chorus.contracts.ResourceRemoved(UUID.randomUUID(), Instant.now(),
                    UUID.randomUUID());
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private ProducerRecord<String, String> record(String topic, String key, IntegrationEvent event) {
        return CloudEventHeaders.record(topic, key, event.eventId(), EventTypes.typeOf(event.getClass()), "/test",
                event.occurredAt(), json.writeValueAsString(event));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The group's committed offset on each partition written to is past the last record sent there. */
    private static void awaitCommittedPast(String group, List<SendResult<String, String>> sent) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                for (SendResult<String, String> result : sent) {
                    TopicPartition partition = new TopicPartition(result.getRecordMetadata().topic(),
                            result.getRecordMetadata().partition());
                    assertThat(committed.get(partition)).as(group + " on " + partition).isNotNull();
                    assertThat(committed.get(partition).offset()).as(group + " on " + partition)
                            .isGreaterThan(result.getRecordMetadata().offset());
                }
            });
        }
    }
}
