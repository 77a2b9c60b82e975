package org.chorus.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes outbox rows to Kafka, oldest first, and deletes each once Kafka has acknowledged it. Several instances
 * can run: each round locks its rows with {@code FOR UPDATE SKIP LOCKED}. When publishing fails, the round stops
 * at the failing row (so events of one key keep their order), records the attempt, and the relay backs off
 * exponentially until Kafka answers again. Delivery is at least once; consumers deduplicate by {@code ce_id}.
 */
public class OutboxRelay extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LENGTH = 500;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final TraceContext traces;

    private Duration backoff = Duration.ZERO;

    public OutboxRelay(DatabaseClient db, TransactionalOperator transactional, KafkaTemplate<String, String> kafka,
                       OutboxProperties properties) {
        this(db, transactional, kafka, properties, TraceContext.none());
    }

    public OutboxRelay(DatabaseClient db, TransactionalOperator transactional, KafkaTemplate<String, String> kafka,
                       OutboxProperties properties, TraceContext traces) {
        super("outbox-relay");
        this.db = db;
        this.transactional = transactional;
        this.kafka = kafka;
        this.properties = properties;
        this.traces = traces;
    }

    /** One round: publish up to a batch of pending rows. Emits how many were published. */
    public Mono<Round> relayOnce() {
        return transactional.transactional(pending().collectList().flatMap(this::publish));
    }

    private Flux<PendingEvent> pending() {
        return db.sql("""
                        select id, topic, event_key, event_type, payload, occurred_at, traceparent from outbox_event
                        order by created_at limit :limit for update skip locked""")
                .bind("limit", properties.batchSize())
                .map(row -> new PendingEvent(
                        row.get("id", UUID.class),
                        row.get("topic", String.class),
                        row.get("event_key", String.class),
                        row.get("event_type", String.class),
                        row.get("payload", String.class),
                        row.get("occurred_at", Instant.class),
                        row.get("traceparent", String.class)))
                .all();
    }

    private Mono<Round> publish(List<PendingEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.just(new Round(0, false, false));
        }
        // waiting for acknowledgements blocks, so it runs on the elastic pool, never on an event loop
        return Mono.fromCallable(() -> sendInOrder(batch))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(outcome -> deletePublished(outcome.published())
                        .then(outcome.failed() == null ? Mono.empty() : recordFailure(outcome.failed(), outcome.error()))
                        .thenReturn(new Round(outcome.published().size(), outcome.failed() != null,
                                batch.size() == properties.batchSize())));
    }

    private SendOutcome sendInOrder(List<PendingEvent> batch) {
        // send the whole batch before waiting: the idempotent producer keeps per-partition order
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            acks.add(send(event));
        }
        List<UUID> published = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                acks.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                published.add(batch.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendOutcome(published, batch.get(i), e);
            } catch (ExecutionException | TimeoutException e) {
                return new SendOutcome(published, batch.get(i), e instanceof ExecutionException ? e.getCause() : e);
            }
        }
        return new SendOutcome(published, null, null);
    }

    private CompletableFuture<?> send(PendingEvent event) {
        ProducerRecord<String, String> record = CloudEventHeaders.record(event.topic(), event.key(), event.id(),
                event.type(), properties.source(), event.occurredAt(), event.payload());
        try {
            // the producer's observation, a child of the recorded trace, writes the record's traceparent header
            return traces.continueTrace(event.traceparent(), event.topic(), () -> kafka.send(record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Mono<Void> deletePublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("delete from outbox_event where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .then();
    }

    private Mono<Void> recordFailure(PendingEvent event, Throwable error) {
        // the root cause names the reason (RecordTooLargeException, TimeoutException...); wrappers only say "failed"
        String message = String.valueOf(NestedExceptionUtils.getMostSpecificCause(error));
        return db.sql("update outbox_event set attempts = attempts + 1, last_error = :error where id = :id")
                .bind("error", message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message)
                .bind("id", event.id())
                .then();
    }

    @Override
    protected Duration round() {
        try {
            Round round = relayOnce().block(SEND_TIMEOUT.multipliedBy(2));
            if (round != null && round.failed()) {
                return backOff("Kafka did not acknowledge an outbox event");
            }
            backoff = Duration.ZERO;
            return round != null && round.full() ? Duration.ZERO : properties.pollInterval();
        } catch (RuntimeException e) {
            return backOff("Outbox round failed: " + e);
        }
    }

    @Override
    protected boolean enabled() {
        return properties.relayEnabled();
    }

    private Duration backOff(String reason) {
        backoff = backoff.isZero() ? properties.pollInterval() : backoff.multipliedBy(2);
        if (backoff.compareTo(properties.maxBackoff()) > 0) {
            backoff = properties.maxBackoff();
        }
        log.warn("{}; retrying in {} ms", reason, backoff.toMillis());
        return backoff;
    }

    /** What one round did: how many rows went out, whether a row failed, whether more are probably waiting. */
    public record Round(int published, boolean failed, boolean full) {
    }

    private record PendingEvent(UUID id, String topic, String key, String type, String payload, Instant occurredAt,
                                String traceparent) {
    }

    private record SendOutcome(List<UUID> published, PendingEvent failed, Throwable error) {
    }
}
