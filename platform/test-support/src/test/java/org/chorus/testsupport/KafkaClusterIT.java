package org.chorus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fixture itself: three real broker processes hold every acknowledged record through a kill -9 of one of them,
 * and a cluster stopped and started again on its data directory still has its records. About 2 minutes on two
 * cores (three broker JVMs started twice), so it runs in the reliability profile; every CI run starts a one-node
 * cluster through the devstack's tests.
 */
@Tag("reliability")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaClusterIT {

    private static final int RECORDS = 6_000;

    @Test
    void everyAcknowledgedRecordSurvivesAKilledBrokerAndAWholeClusterRestart() throws Exception {
        Path data = Path.of("target", "kafka-cluster-it-" + UUID.randomUUID());
        String topic = "fixture-" + UUID.randomUUID();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int failedSends = 0;
        try (KafkaCluster cluster = KafkaCluster.onFreePorts(3, data)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 3)
                        .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    if (i == RECORDS / 3) {
                        cluster.kill(2);
                    }
                    String value = "record-" + i;
                    values.add(value);
                    sends.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 97), value)));
                    if (i % 500 == 0) {
                        Thread.sleep(50);
                    }
                }
                for (int i = 0; i < sends.size(); i++) {
                    try {
                        sends.get(i).get(60, TimeUnit.SECONDS);
                        acknowledged.add(values.get(i));
                    } catch (Exception e) {
                        failedSends++;
                    }
                }
            }
            cluster.restart(2);
            cluster.awaitFullyReplicated(Duration.ofMinutes(1));
        }
        // the whole cluster again, on the same directories: the records are still there
        try (KafkaCluster again = KafkaCluster.onFreePorts(3, data)) {
            Map<String, Integer> seen = readAll(again.bootstrapServers(), topic, acknowledged.size());
            long lost = acknowledged.stream().filter(value -> !seen.containsKey(value)).count();
            long duplicated = seen.values().stream().filter(n -> n > 1).count();
            System.out.printf("KafkaClusterIT: %d records sent to 3 brokers, 1 killed (kill -9) after %d and restarted;"
                            + " acknowledged %d, send failures %d, lost %d, duplicated %d (read after a whole-cluster restart)%n",
                    RECORDS, RECORDS / 3, acknowledged.size(), failedSends, lost, duplicated);
            assertThat(failedSends).as("sends that failed although two replicas stayed").isZero();
            assertThat(lost).as("acknowledged records lost").isZero();
            assertThat(duplicated).as("records written twice (idempotent producer)").isZero();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Integer> readAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "fixture-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Integer> seen = new HashMap<>();
        int total = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (total < expected && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    seen.merge(record.value(), 1, Integer::sum);
                    total++;
                }
            }
        }
        return seen;
    }
}
