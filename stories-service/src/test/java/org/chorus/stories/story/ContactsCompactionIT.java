package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chorus.contracts.Topics;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.StoryApi;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The erasure promise on the Kafka side: after a withdrawal, the compacted contacts topic itself no longer holds the
 * author's (sealed) address. The topic is the one stories-service declares (its compact policy is checked on the broker); for
 * the test only, its segments roll after a second and the broker's log cleaner looks every half second, so the
 * cleaner does within seconds what it does within the hour in production. Both are put back afterwards.
 */
@StoriesIntegrationTest
class ContactsCompactionIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);
    private static final ConfigResource CONTACTS = new ConfigResource(ConfigResource.Type.TOPIC, Topics.STORY_CONTACTS);
    /** Every broker of the cluster: the cleaner's pace is a broker setting. */
    private static final ConfigResource BROKERS = new ConfigResource(ConfigResource.Type.BROKER, "");

    @Autowired
    WebTestClient http;

    @Autowired
    StoryApi api;

    @Autowired
    List<NewTopic> declaredTopics;

    Admin admin;

    @BeforeEach
    void compactWithinSeconds() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers()));
        admin.incrementalAlterConfigs(Map.of(
                CONTACTS, List.of(
                        set(TopicConfig.SEGMENT_MS_CONFIG, "1000"),
                        set(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01"),
                        set(TopicConfig.DELETE_RETENTION_MS_CONFIG, "1000")),
                BROKERS, List.of(set("log.cleaner.backoff.ms", "500")))).all().get();
    }

    @AfterEach
    void backToTheDeclaredTopic() throws Exception {
        try {
            Map<String, String> declared = declaredTopics.stream()
                    .filter(topic -> topic.name().equals(Topics.STORY_CONTACTS)).findFirst().orElseThrow().configs();
            Collection<AlterConfigOp> restore = new ArrayList<>();
            for (String name : List.of(TopicConfig.SEGMENT_MS_CONFIG, TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG,
                    TopicConfig.DELETE_RETENTION_MS_CONFIG)) {
                restore.add(set(name, declared.get(name)));
            }
            admin.incrementalAlterConfigs(Map.of(
                    CONTACTS, restore,
                    BROKERS, List.of(new AlterConfigOp(new ConfigEntry("log.cleaner.backoff.ms", ""), AlterConfigOp.OpType.DELETE))))
                    .all().get();
        } finally {
            admin.close();
        }
    }

    @Test
    void afterWithdrawalTheCompactedContactsTopicNoLongerHoldsTheAddress() throws Exception {
        assertThat(admin.describeConfigs(List.of(CONTACTS)).all().get().get(CONTACTS)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        String email = "compacted-" + UUID.randomUUID() + "@example.org";
        SubmittedStory story = api.submit(Map.of("text", "Forget me", "language", "en",
                "contactEmail", email, "contactConsent", true));
        String key = story.id().toString();
        ConsumerRecord<String, String> contact = KafkaRecords.awaitKey(Topics.STORY_CONTACTS, key, KAFKA);
        assertThat(contact.value()).as("sealed to notifications").doesNotContain(email);

        http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken()).exchange()
                .expectStatus().isNoContent();
        assertThat(KafkaRecords.read(Topics.STORY_CONTACTS, record -> key.equals(record.key()) && record.value() == null,
                1, KAFKA)).as("the withdrawal's tombstone").hasSize(1);

        TopicPartition partition = new TopicPartition(Topics.STORY_CONTACTS, contact.partition());
        assertThat(wholePartition(partition)).as("before compaction the address is still on the topic")
                .anyMatch(record -> key.equals(record.key()) && record.value() != null);
        // The cleaner never touches the segment being written. Once the segment is older than segment.ms, the next
        // record on the partition rolls it; a tombstone for a key no one ever used changes nothing for anyone.
        Thread.sleep(1_500);
        String roll = rollSegment(partition);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(wholePartition(partition))
                        .as("records on %s", partition)
                        .anyMatch(record -> roll.equals(record.key()))
                        .noneMatch(record -> key.equals(record.key()) && record.value() != null));
    }

    /** Appends a record to the partition and answers its key. */
    private String rollSegment(TopicPartition partition) throws Exception {
        String key = "segment-roll-" + UUID.randomUUID();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, null)).get();
        }
        return key;
    }

    /** Every record the partition still holds, from its first offset to its end. */
    private static List<ConsumerRecord<String, String>> wholePartition(TopicPartition partition) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
