package org.chorus.notifications.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.OtlpReceiver;
import org.chorus.testsupport.OtlpReceiver.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end of a story's trace, traced at 100 % and exported by OTLP to a real receiver: the story event's delivery to
 * this service is a child of the record's {@code traceparent}, and the receipt it queued is sent, later and on another
 * thread, in a span that is a child of that delivery. No span holds the author's address.
 */
@NotificationsIntegrationTest
class ReceiptTracesIT {

    private static final OtlpReceiver OTLP = OtlpReceiver.start();
    private static final int CONSUMER = 5;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void traceEverything(DynamicPropertyRegistry registry) {
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", OTLP::tracesEndpoint);
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
    }

    @AfterAll
    static void stopReceiver() {
        OTLP.close();
    }

    @Test
    void theReceiptIsSentInTheTraceOfTheStoryEventThatQueuedIt() {
        UUID story = UUID.randomUUID();
        String email = "traced-" + UUID.randomUUID() + "@example.org";
        publish(Topics.STORY_CONTACTS, StoryReceiptIT.contact(story, email, "en"));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                        "select count(*) as n from author_contact where story_id = :id").bind("id", story)
                .map(row -> row.get("n", Long.class)).one().block() == 1);

        // the contact is here already, so the submission's delivery is the one that queues the receipt
        String[] traceparent = publish(Topics.STORIES, new StorySubmitted(UUID.randomUUID(), Instant.now(), story, "en"));
        String traceId = traceparent[1];
        String producerSpanId = traceparent[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> !Infrastructure.smtp().receivedBy(email).isEmpty());

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<Span> trace = OTLP.trace(traceId);
            List<String> deliveries = trace.stream()
                    .filter(span -> span.kind() == CONSUMER && span.parentSpanId().equals(producerSpanId))
                    .map(Span::spanId).toList();
            assertThat(deliveries).as("deliveries in %s", trace).isNotEmpty();
            Span mail = trace.stream().filter(span -> span.name().equals("mail send outgoing_mail"))
                    .findFirst().orElseThrow();
            assertThat(mail.service()).isEqualTo("notifications-service");
            assertThat(deliveries).contains(mail.parentSpanId());
        });
        assertThat(OTLP.rawBodies()).noneMatch(body -> body.contains(email) || body.contains(email.toLowerCase()));
    }

    /** Sends through the service's own template, whose observation starts a trace; returns the record's traceparent. */
    private String[] publish(String topic, IntegrationEvent event) {
        var sent = kafka.send(CloudEventHeaders.record(topic, event.key(), event.eventId(),
                EventTypes.typeOf(event.getClass()), "/chorus/stories", event.occurredAt(),
                json.writeValueAsString(event))).join();
        Header header = sent.getProducerRecord().headers().lastHeader("traceparent");
        assertThat(header).as("traceparent on the record").isNotNull();
        return new String(header.value(), StandardCharsets.US_ASCII).split("-");
    }
}
