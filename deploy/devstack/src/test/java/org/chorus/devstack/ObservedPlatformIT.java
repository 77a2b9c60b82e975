package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.testsupport.OtlpReceiver;
import org.chorus.testsupport.OtlpReceiver.Span;
import org.chorus.testsupport.PrometheusServer;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.Test;

/**
 * The platform as its operators see it. One story shared through the gateway is one trace: the gateway's request,
 * the service's request (its child: the gateway carries the trace on without a span of its own for the call), the
 * outbox relay's publication (after the request answered), the Kafka send, notifications-service's delivery of the
 * record and, later, the SMTP send of the receipt the author asked for, exported by OTLP to a real receiver. And a
 * real Prometheus scraping the four management ports sees every service's series, moving with the traffic.
 */
class ObservedPlatformIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STORIES_TOPIC = "chorus.stories.v1";
    private static final int SERVER = 2;
    private static final int PRODUCER = 4;
    private static final int CONSUMER = 5;

    @Test
    void oneSubmissionIsOneTraceFromTheGatewayThroughKafkaToNotifications() throws Exception {
        Devstack devstack = SharedDevstack.get();
        String email = "observed-" + UUID.randomUUID() + "@example.org";
        String words = "Observed words " + UUID.randomUUID();
        SharedDevstack.PERSONAL.add(email);
        SharedDevstack.PERSONAL.add(words);
        HttpResponse<String> shared = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/api/stories"))
                .header("Content-Type", "application/json")
                .header(ProofOfWork.HEADER, ProofOfWork.solve(HTTP, devstack.gatewayUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"text": "%s", "language": "en", "contactEmail": "%s", "contactConsent": true,
                         "consents": {"publishOnSite": true}}""".formatted(words, email)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);

        OtlpReceiver traces = devstack.traces();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            // the newest trace that began with the gateway's POST and reached notifications-service
            Optional<List<Span>> submission = traces.spans().stream()
                    .filter(span -> span.service().equals("gateway") && span.kind() == SERVER
                            && span.parentSpanId().isEmpty() && span.name().contains("post"))
                    .map(root -> traces.trace(root.traceId()))
                    .filter(trace -> trace.stream().anyMatch(s -> s.service().equals("notifications-service")))
                    .reduce((first, second) -> second);
            assertThat(submission).as("a submission's trace reaching notifications-service").isPresent();
            List<Span> trace = submission.get();
            Span gateway = only(trace, s -> s.service().equals("gateway") && s.kind() == SERVER);
            Span request = only(trace, s -> s.service().equals("stories-service") && s.kind() == SERVER);
            Span relay = only(trace, s -> s.service().equals("stories-service")
                    && s.name().equals("outbox publish " + STORIES_TOPIC));
            Span send = only(trace, s -> s.service().equals("stories-service") && s.kind() == PRODUCER
                    && s.parentSpanId().equals(relay.spanId()));
            // each of notifications' consumer groups on the topic delivers it: one span per group, all children of the send
            List<Span> deliveries = trace.stream().filter(s -> s.service().equals("notifications-service")
                    && s.kind() == CONSUMER && s.parentSpanId().equals(send.spanId())).toList();
            assertThat(deliveries).as("deliveries in %s", trace).isNotEmpty();
            assertThat(request.parentSpanId()).isEqualTo(gateway.spanId());
            assertThat(relay.parentSpanId()).isEqualTo(request.spanId());
            assertThat(deliveries).allMatch(delivery -> delivery.name().contains(STORIES_TOPIC));
            // the receipt goes out from the mail queue, in a span whose parent is the delivery (of the story or of its
            // contact, whichever came second) that queued it
            List<String> notificationsDeliveries = trace.stream().filter(s -> s.service().equals("notifications-service")
                    && s.kind() == CONSUMER).map(Span::spanId).toList();
            Span mail = only(trace, s -> s.name().equals("mail send outgoing_mail"));
            assertThat(mail.service()).isEqualTo("notifications-service");
            assertThat(notificationsDeliveries).contains(mail.parentSpanId());
        });
        assertThat(traces.rawBodies()).noneMatch(body -> body.contains(email) || body.contains(words));
    }

    @Test
    void prometheusScrapesEveryServiceAndSeesTheTrafficMove() throws Exception {
        PrometheusServer.requireInstalled(PrometheusServer.BINARY);
        Devstack devstack = SharedDevstack.get();
        PrometheusServer prometheus = devstack.prometheus();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(prometheus.value("count(up{job=\"chorus\"} == 1)")).as(prometheus.targets()).isEqualTo(4));
        // a routed request is counted under its route's name, a micro-cache hit as "micro-cache" (the hotlines are
        // cacheable), never under the raw path or "UNKNOWN"
        String before = "sum(http_server_requests_seconds_count{application=\"gateway\","
                + "uri=~\"route:resources-hotlines|micro-cache\",status=\"200\"})";
        String refusedBefore = "sum(chorus_gateway_proof_refused_total{reason=\"invalid\"})";
        double answered = orZero(prometheus.value(before));
        double refused = orZero(prometheus.value(refusedBefore));
        for (int i = 0; i < 5; i++) {
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/api/resources/hotlines"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/api/stories"))
                .header("Content-Type", "application/json").header(ProofOfWork.HEADER, "not a solution")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(prometheus.value(before)).isGreaterThanOrEqualTo(answered + 5);
            assertThat(prometheus.value(refusedBefore)).isGreaterThanOrEqualTo(refused + 1);
            // answered requests are named by route (or "micro-cache"); only refusals before routing (401) are not
            assertThat(prometheus.value("count(http_server_requests_seconds_count{application=\"gateway\","
                    + "uri=\"UNKNOWN\",status=~\"2..\"})")).as("answered gateway requests without a name").isNaN();
            assertThat(prometheus.value("sum(chorus_gateway_reads_shed_total)")).isNotNaN();
            assertThat(prometheus.value("count(count by (application) (http_server_requests_seconds_count))"))
                    .isEqualTo(4);
            assertThat(prometheus.value("count(count by (application) (chorus_outbox_backlog))")).isEqualTo(3);
            assertThat(prometheus.value("count(kafka_consumer_fetch_manager_records_lag{"
                    + "application=\"notifications-service\"})")).isPositive();
            assertThat(prometheus.value("sum(http_server_requests_seconds_count{application=\"gateway\","
                    + "uri=\"route:stories-submission\"})")).isPositive();
            assertThat(prometheus.value("max(chorus_campaign_sending)")).isNotNaN();
        });
        assertThat(prometheus.series("{job=\"chorus\"}")).doesNotContainPattern(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        // the metrics endpoint is not reachable through the gateway
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(devstack.gatewayUrl() + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(401, 403, 404);
    }

    private static Span only(List<Span> trace, java.util.function.Predicate<Span> which) {
        List<Span> matching = trace.stream().filter(which).toList();
        assertThat(matching).as("one such span in %s", trace).hasSize(1);
        return matching.get(0);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
