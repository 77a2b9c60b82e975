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
import org.chorus.notifications.subscription.SubscriptionApi;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.OtlpReceiver;
import org.chorus.testsupport.OtlpReceiver.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a trace ends, traced at 100 % and exported by OTLP to a real receiver. A story: the story event's delivery to
 * this service is a child of the record's {@code traceparent}, and the receipt it queued is sent, later and on another
 * thread, in a span that is a child of that delivery. A sign-up: its confirmation is sent in a span that is a child
 * of the sign-up request's. No span holds an address.
 */
@NotificationsIntegrationTest
class MailTracesIT {

    private static final int SERVER = 2;

    private static final OtlpReceiver OTLP = OtlpReceiver.start();
    private static final int CONSUMER = 5;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    DatabaseClient db;

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void traceEverything(DynamicPropertyRegistry registry) {
        OTLP.traceEverythingHere(registry);
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

    @Test
    void aConfirmationMailIsSentInTheTraceOfTheSignUpThatQueuedIt() {
        String email = SubscriptionApi.address();
        // 32 and 16 hex digits, as W3C's trace and span ids are (a random UUID's are never all zeros)
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .bodyValue(SubscriptionApi.request(email, "en", List.of("anniversary"), null))
                .exchange().expectStatus().isAccepted();
        SubscriptionApi.awaitMails(email, 1);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<Span> trace = OTLP.trace(traceId);
            Span signUp = trace.stream()
                    .filter(span -> span.kind() == SERVER && span.parentSpanId().equals(callerSpanId))
                    .findFirst().orElseThrow();
            Span mail = trace.stream().filter(span -> span.name().equals("mail send subscriber_mail"))
                    .findFirst().orElseThrow();
            assertThat(mail.parentSpanId()).as("the mail's parent in %s", trace).isEqualTo(signUp.spanId());
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
