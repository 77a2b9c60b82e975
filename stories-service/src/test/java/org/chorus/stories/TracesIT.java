package org.chorus.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.chorus.contracts.Topics;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.KafkaRecords;
import org.chorus.testsupport.OtlpReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One submission, traced at 100 % and exported by OTLP to a real receiver: the request's server span, the outbox
 * relay's publication (which waited for a poll, on another thread, after the request had answered) and the Kafka
 * send are one trace, and the record carries that trace in its W3C {@code traceparent} header for the consumers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
class TracesIT {

    private static final OtlpReceiver OTLP = OtlpReceiver.start();
    private static final int SERVER = 2;
    private static final int PRODUCER = 4;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void traceEverything(DynamicPropertyRegistry registry) {
        OTLP.traceEverythingHere(registry);
    }

    @AfterAll
    static void stopReceiver() {
        OTLP.close();
    }

    @Test
    void aSubmissionIsOneTraceFromTheRequestThroughTheOutboxToTheKafkaRecord() throws Exception {
        String words = "trace-marker-" + UUID.randomUUID();
        HttpResponse<String> shared = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/stories"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"text": "%s", "language": "en", "contactEmail": "%s@example.org", "contactConsent": true,
                         "consents": {"publishOnSite": true}}""".formatted(words, words)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shared.statusCode()).isEqualTo(201);
        String storyId = JsonMapper.builder().build().readTree(shared.body()).get("id").asString();

        ConsumerRecord<String, String> submitted = KafkaRecords.awaitKey(Topics.STORIES, storyId, Duration.ofSeconds(30));
        Header traceparent = submitted.headers().lastHeader("traceparent");
        assertThat(traceparent).as("traceparent header on the record").isNotNull();
        String[] parts = new String(traceparent.value(), StandardCharsets.US_ASCII).split("-");
        assertThat(parts).hasSize(4);
        String traceId = parts[1];

        // the spans arrive in batches: until the last one has, a lookup finds nothing, and that is waited out too
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<OtlpReceiver.Span> trace = OTLP.trace(traceId);
            OtlpReceiver.Span request = trace.stream()
                    .filter(span -> span.kind() == SERVER && span.parentSpanId().isEmpty()).findFirst().orElseThrow();
            assertThat(request.service()).isEqualTo("stories-service");
            assertThat(request.name()).contains("/api/stories");
            OtlpReceiver.Span relay = trace.stream()
                    .filter(span -> span.name().startsWith("outbox publish " + Topics.STORIES)).findFirst().orElseThrow();
            assertThat(relay.parentSpanId()).isEqualTo(request.spanId());
            OtlpReceiver.Span send = trace.stream()
                    .filter(span -> span.kind() == PRODUCER && span.parentSpanId().equals(relay.spanId())
                            && span.name().contains(Topics.STORIES)).findFirst().orElseThrow();
            // the record's traceparent names the producer's span: the consumer's span will be its child
            assertThat(parts[2]).isEqualTo(send.spanId());
        });
        // no span, attribute or resource holds what the author wrote or their address
        assertThat(OTLP.rawBodies()).noneMatch(body -> body.contains(words));
    }
}
