package org.chorus.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * How far behind each consumer group of this service is, per topic and partition ({@code chorus.kafka.consumer.lag}
 * with labels group, topic, partition): the partition's end offset less the group's committed offset, as the brokers
 * know them. Unlike the Kafka client's own {@code records-lag}, which only a running consumer reports and labels by
 * client id, this counts for the group: it keeps growing while every consumer of the group is down or stuck, which is
 * when the lag alert matters most. A partition the group never committed on counts from its earliest offset (the
 * groups start there), and a topic not created yet has no partitions to lag on. A few admin requests a group a round,
 * on a thread of its own; a group whose offsets cannot be read loses its series until they can, rather than showing
 * old numbers.
 */
public class ConsumerLag extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final MultiGauge lag;
    private final Duration interval;
    private Admin admin;

    public ConsumerLag(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners, MeterRegistry registry,
                       Duration interval) {
        super("consumer-lag");
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.interval = interval;
        this.lag = MultiGauge.builder("chorus.kafka.consumer.lag")
                // no base unit: Prometheus would add it to the name, and the alert and dashboards read this one
                .description("Records on a partition that a consumer group of this service has not committed yet")
                .register(registry);
    }

    @Override
    protected Duration round() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Map.Entry<String, Set<String>> group : groups().entrySet()) {
            try {
                lagOf(group.getKey(), group.getValue()).forEach((partition, records) -> rows.add(MultiGauge.Row.of(
                        Tags.of("group", group.getKey(), "topic", partition.topic(),
                                "partition", Integer.toString(partition.partition())), records)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return interval;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("Lag of consumer group {} not read: {}", group.getKey(), e.toString());
            }
        }
        lag.register(rows, true);
        return interval;
    }

    /** This service's consumer groups and the topics each listens to. */
    private Map<String, Set<String>> groups() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (container.getGroupId() != null && topics != null) {
                groups.computeIfAbsent(container.getGroupId(), g -> new TreeSet<>()).addAll(List.of(topics));
            }
        }
        return groups;
    }

    private Map<TopicPartition, Long> lagOf(String group, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (var described : client.describeTopics(topics).topicNameValues().values()) {
            TopicDescription topic;
            try {
                topic = described.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // a topic its producer has not created yet: nothing to lag behind on
                continue;
            }
            topic.partitions().forEach(p -> {
                TopicPartition partition = new TopicPartition(topic.name(), p.partition());
                latest.put(partition, OffsetSpec.latest());
                if (committed.get(partition) == null) {
                    earliest.put(partition, OffsetSpec.earliest());
                }
            });
        }
        if (latest.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = client.listOffsets(latest).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                : client.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata commit = committed.get(partition);
            long from = commit != null ? commit.offset() : starts.get(partition).offset();
            lag.put(partition, Math.max(0, end.offset() - from));
        });
        return lag;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public void stop() {
        super.stop();
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }
}
