package org.chorus.stories;

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
import java.util.regex.Pattern;
import org.chorus.testsupport.ChorusHome;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.LogFile;
import org.chorus.testsupport.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * stories-service listening on a real port with its management port apart, scraped every second by Debian's
 * Prometheus loaded with deploy/observability's alert rules: the series the dashboards and alerts read exist, move
 * when stories are shared, carry route templates and never a story's words, and the metrics endpoint is closed on
 * the public port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // every request traced, as in the devstack: a scrape must not carry exemplars Prometheus 2.42 refuses
        properties = {"management.server.port=0", "management.server.address=127.0.0.1",
                "management.tracing.sampling.probability=1.0"})
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern UUID_IN_LABEL = Pattern.compile(
            "=\"[^\"]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[^\"]*\"");

    private static PrometheusServer prometheus;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

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
    void seriesTheAlertsReadExistAndMoveWhenStoriesAreShared() throws Exception {
        String words = "metrics-marker-" + UUID.randomUUID();
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);

        Path target = Path.of("target", "prometheus-" + UUID.randomUUID());
        prometheus = PrometheusServer.start(target, List.of("127.0.0.1:" + managementPort),
                List.of(ChorusHome.root().resolve("deploy/observability/prometheus/alerts.yml")),
                Duration.ofSeconds(1), new LogFile(target.resolve("prometheus.log")));
        await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.value("up{job=\"chorus\"}") == 1);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> shared = post("/api/stories", """
                    {"text": "%s %d", "language": "en", "consents": {"publishOnSite": true}}""".formatted(words, i));
            assertThat(shared.statusCode()).isEqualTo(201);
        }
        assertThat(get(port, "/api/stories/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        String submissions = "sum(http_server_requests_seconds_count{application=\"stories-service\","
                + "uri=\"/api/stories\",method=\"POST\",status=\"201\"})";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(prometheus.value(submissions)).isGreaterThanOrEqualTo(5);
            assertThat(prometheus.value("max(chorus_moderation_waiting)")).isGreaterThanOrEqualTo(5);
            assertThat(prometheus.value("max(chorus_moderation_oldest_waiting_age_seconds)")).isGreaterThan(0);
            // the relay publishes within a poll: the backlog is back to nothing
            assertThat(prometheus.value("max(chorus_outbox_backlog)")).isZero();
            assertThat(prometheus.value("max(chorus_outbox_oldest_age_seconds)")).isZero();
            assertThat(prometheus.value("sum(kafka_producer_record_send_total)")).isGreaterThanOrEqualTo(5);
            assertThat(prometheus.value("sum(r2dbc_pool_max_allocated_connections)")).isGreaterThan(0);
            assertThat(prometheus.value("sum(jvm_memory_used_bytes)")).isGreaterThan(0);
            assertThat(prometheus.value("sum(http_server_requests_seconds_count{uri=\"/api/stories/{id}\","
                    + "status=\"404\"})")).isGreaterThanOrEqualTo(1);
        });

        String everySeries = prometheus.series("{job=\"chorus\"}");
        assertThat(everySeries).doesNotContain(words).doesNotContain("127.0.0.1:" + port);
        assertThat(UUID_IN_LABEL.matcher(everySeries).find()).as("an id in a label").isFalse();
        assertThat(get(managementPort, "/actuator/prometheus").body()).doesNotContain(words);

        String rules = prometheus.rules();
        assertThat(rules).contains("ChorusOutboxStuck", "ChorusConsumerLag", "ChorusDeadLetter",
                "ChorusServerErrors", "ChorusCampaignStalled", "ChorusModerationBacklog",
                "ChorusHotlineFallbackActive", "ChorusWritesDeferred").doesNotContain("\"health\":\"err\"");
        // nothing is wrong with this service: no alert of its own fires
        assertThat(prometheus.value("count(ALERTS{alertstate=\"firing\",application=\"stories-service\"})")).isNaN();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
