package org.chorus.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.Topics;
import org.chorus.testsupport.ChorusHome;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.LogFile;
import org.chorus.testsupport.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * notifications-service with its management port apart, scraped every second by Debian's Prometheus loaded with
 * deploy/observability's alert rules: consumer lag per group, topic and partition as the brokers count it (moving
 * with records a group has not read, and back to nothing once it has), the mail queues, the send-rate cap's waits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.server.address=127.0.0.1",
                "chorus.consumer-lag.interval=1s"})
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class,
        InfrastructureInitializers.Smtp.class, InfrastructureInitializers.Keycloak.class,
        BounceMailboxServer.Initializer.class})
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** A consumer group of this test's own, on a topic of its own, that reads only when the test starts it. */
    private static final String PROBE = "metrics-probe";
    private static final String PROBE_TOPIC = "chorus.test.metrics-probe";

    private static PrometheusServer prometheus;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void prometheusInstalled() {
        PrometheusServer.requireInstalled(PrometheusServer.BINARY);
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void consumerLagPerGroupAndPartitionMailQueuesAndCapWaitsAreScraped() throws Exception {
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
        Path target = Path.of("target", "prometheus-" + UUID.randomUUID());
        prometheus = PrometheusServer.start(target, List.of("127.0.0.1:" + managementPort),
                List.of(ChorusHome.root().resolve("deploy/observability/prometheus/alerts.yml")),
                Duration.ofSeconds(1), new LogFile(target.resolve("prometheus.log")));
        await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.value("up{job=\"chorus\"}") == 1);

        String probeLag = "sum(chorus_kafka_consumer_lag{group=\"" + PROBE + "\",topic=\"" + PROBE_TOPIC + "\"})";
        String contactsLag = "sum(chorus_kafka_consumer_lag{group=\"notifications\",topic=\""
                + Topics.STORY_CONTACTS + "\"})";
        // a contact tombstone for no story: the service's own group reads it (and has nothing to forget)
        kafka.send(Topics.STORY_CONTACTS, UUID.randomUUID().toString(), null).join();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            // one series per partition of every topic each group of the service reads
            assertThat(prometheus.value("count(chorus_kafka_consumer_lag{group=\"" + PROBE + "\"})")).isEqualTo(2);
            assertThat(prometheus.value(contactsLag)).isZero();
            assertThat(prometheus.value("max(chorus_mail_queued)")).isNotNaN();
            assertThat(prometheus.value("max(chorus_campaign_queued)")).isNotNaN();
            assertThat(prometheus.value("sum(chorus_campaign_rate_cap_wait_seconds_count{outcome=\"granted\"})"))
                    .isNotNaN();
        });
        double before = prometheus.value(probeLag);

        for (int i = 0; i < 3; i++) {
            kafka.send(PROBE_TOPIC, UUID.randomUUID().toString(), "{}").join();
        }
        // the probe group reads nothing yet: it is exactly three records further behind
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value(probeLag)).isEqualTo(before + 3));

        listeners.getListenerContainer(PROBE).start();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(prometheus.value(probeLag)).isZero());

        assertThat(prometheus.rules()).contains("ChorusConsumerLag").doesNotContain("\"health\":\"err\"");
        assertThat(prometheus.series("{job=\"chorus\"}")).doesNotContainPattern(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stands for a consumer that is down: a group of its own that reads only once the test starts it. */
    @TestConfiguration
    static class ProbeGroup {

        @Bean
        NewTopic metricsProbeTopic() {
            return TopicBuilder.name(PROBE_TOPIC).partitions(2).replicas(1).build();
        }

        @KafkaListener(id = PROBE, groupId = PROBE, topics = PROBE_TOPIC, autoStartup = "false")
        void read(ConsumerRecord<String, String> record) {
            // reading is all it does: its committed offsets are what the lag is measured against
        }
    }
}
