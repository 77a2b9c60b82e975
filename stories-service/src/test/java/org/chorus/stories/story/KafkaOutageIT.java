package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.KafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 15, fault 7: the Kafka cluster is unavailable for two minutes while authors keep sharing and withdrawing
 * stories. Writes go on (a 2xx needs only PostgreSQL: events wait in the outbox), the backlog grows, and once the
 * broker is back it drains by itself; every story's events then stand on Kafka once each, in the order they happened
 * (StorySubmitted before StoryWithdrawn on the story's partition). Two minutes of outage: reliability profile only.
 */
@Tag("reliability")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureWebTestClient
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, KafkaOutageIT.OwnKafka.class})
@TestPropertySource(properties = "chorus.test.database=stories_kafka_outage")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("chorus.outage.seconds", 120));
    private static KafkaCluster kafka;

    static final class OwnKafka implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            synchronized (KafkaOutageIT.class) {
                if (kafka == null) {
                    kafka = KafkaCluster.onFreePorts(1, Path.of("target", "kafka-outage-" + UUID.randomUUID()));
                }
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outage-kafka",
                    Map.of("spring.kafka.bootstrap-servers", kafka.bootstrapServers())));
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void writesGoOnWhileKafkaIsDownAndTheBacklogDrainsInOrderAfterwards() throws Exception {
        List<UUID> stories = new ArrayList<>();
        shareAndWithdraw(stories, 20);
        kafka.kill(1);
        Instant down = Instant.now();
        int failedWrites = 0;
        long maxBacklog = 0;
        while (Duration.between(down, Instant.now()).compareTo(OUTAGE) < 0) {
            failedWrites += shareAndWithdraw(stories, 5);
            maxBacklog = Math.max(maxBacklog, backlog());
            Thread.sleep(500);
        }
        kafka.restart(1);
        Instant back = Instant.now();
        while (backlog() > 0 && Duration.between(back, Instant.now()).toMinutes() < 3) {
            Thread.sleep(200);
        }
        Duration drained = Duration.between(back, Instant.now());

        Map<String, List<String>> typesByStory = read(stories.size() * 2);
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        String submitted = EventTypes.typeOf(StorySubmitted.class);
        String withdrawn = EventTypes.typeOf(StoryWithdrawn.class);
        for (UUID story : stories) {
            List<String> types = typesByStory.getOrDefault(story.toString(), List.of());
            lost += (types.contains(submitted) ? 0 : 1) + (types.contains(withdrawn) ? 0 : 1);
            duplicated += Math.max(0, types.size() - 2);
            if (types.size() >= 2 && !(types.indexOf(submitted) < types.indexOf(withdrawn))) {
                outOfOrder++;
            }
        }
        System.out.printf("KafkaOutageIT: Kafka down %d s; %d stories shared and withdrawn (%d events), %d writes"
                        + " failed during the outage; outbox backlog up to %d events, drained %d ms after the broker"
                        + " was back; lost %d, duplicated %d, out of order %d%n",
                OUTAGE.toSeconds(), stories.size(), stories.size() * 2, failedWrites, maxBacklog, drained.toMillis(),
                lost, duplicated, outOfOrder);
        assertThat(failedWrites).as("writes refused while only Kafka was down").isZero();
        assertThat(maxBacklog).as("events waiting in the outbox during the outage").isPositive();
        assertThat(backlog()).as("outbox after the drain").isZero();
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(outOfOrder).isZero();
    }

    /** Shares stories and withdraws each at once; the number of requests that did not get their 2xx. */
    private int shareAndWithdraw(List<UUID> stories, int count) {
        int failed = 0;
        for (int i = 0; i < count; i++) {
            var answer = http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("text", "A story shared while Kafka is away", "language", "en",
                            "consents", Map.of("publishOnSite", true)))
                    .exchange().returnResult(SubmittedStory.class);
            SubmittedStory story = answer.getResponseBody().blockFirst(Duration.ofSeconds(10));
            if (answer.getStatus().value() != 201 || story == null) {
                failed++;
                continue;
            }
            int status = http.delete().uri("/api/stories/manage").header(ManageToken.HEADER, story.manageToken())
                    .exchange().returnResult(Void.class).getStatus().value();
            if (status != 204) {
                failed++;
                continue;
            }
            stories.add(story.id());
        }
        return failed;
    }

    private long backlog() {
        return db.sql("select count(*) from outbox_event where topic = :topic").bind("topic", Topics.STORIES)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    /** The ce_type of every record on the stories topic, per key, in partition order. */
    private static Map<String, List<String>> read(int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<String>> types = new HashMap<>();
        int total = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.STORIES));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (total < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    types.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE).orElse("?"));
                    total++;
                }
            }
        }
        return types;
    }
}
