package org.chorus.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the shared test broker from the beginning, as an outside observer with its own group. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** Every record on the topic that matches, polling until {@code enough} matched or time ran out. */
    public static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> matching,
                                                            int enough, Duration within) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-observer-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(within);
            while (records.size() < enough && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (matching.test(record)) {
                        records.add(record);
                    }
                });
            }
        }
        return records;
    }

    /** The first record with this key, failing if none arrives in time. */
    public static ConsumerRecord<String, String> awaitKey(String topic, String key, Duration within) {
        List<ConsumerRecord<String, String>> records = read(topic, record -> key.equals(record.key()), 1, within);
        if (records.isEmpty()) {
            throw new AssertionError("No record with key " + key + " on " + topic + " within " + within);
        }
        return records.get(0);
    }
}
