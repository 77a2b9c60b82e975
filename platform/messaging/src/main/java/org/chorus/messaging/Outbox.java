package org.chorus.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records events to publish in the caller's database transaction. Nothing here talks to Kafka: the
 * {@link OutboxRelay} does, after the commit, so an event leaves only if the state change that caused it is durable.
 */
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final TraceContext traces;

    public Outbox(DatabaseClient db, JsonMapper json) {
        this(db, json, TraceContext.none());
    }

    public Outbox(DatabaseClient db, JsonMapper json, TraceContext traces) {
        this.db = db;
        this.json = json;
        this.traces = traces;
    }

    /** Must run inside the transaction that makes the change the event reports. */
    public Mono<Void> append(String topic, IntegrationEvent event) {
        return Mono.deferContextual(context -> db.sql("""
                        insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at, traceparent)
                        values (:id, :topic, :key, :type, :payload, :occurredAt, :traceparent)""")
                .bind("id", event.eventId())
                .bind("topic", topic)
                .bind("key", event.key())
                .bind("type", EventTypes.typeOf(event.getClass()))
                .bind("payload", json.writeValueAsString(event))
                .bind("occurredAt", event.occurredAt())
                .bind("traceparent", Parameter.fromOrEmpty(traces.traceparent(context), String.class))
                .then());
    }

    /** An event and the topic it is for. */
    public record Pending(String topic, IntegrationEvent event) {
    }

    /**
     * Several events as one insert, for a caller that makes its change and records the events it causes in a single
     * SQL statement: put this in a data-modifying CTE of that statement and {@link #bindAll} its values. One
     * statement is atomic without a transaction and costs one round trip instead of a BEGIN, one per write and a
     * COMMIT. The rows keep the events' order (the relay publishes by creation time).
     */
    public static final String INSERT_ALL = """
            insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at, traceparent)
            select cast(e.id as uuid), e.topic, e.event_key, e.event_type, e.payload, cast(e.occurred_at as timestamptz),
                   cast(:outboxTraceparent as text)
            from unnest(cast(:outboxIds as text[]), cast(:outboxTopics as text[]), cast(:outboxKeys as text[]),
                        cast(:outboxTypes as text[]), cast(:outboxPayloads as text[]),
                        cast(:outboxOccurredAt as text[])) with ordinality
                 as e (id, topic, event_key, event_type, payload, occurred_at, position)
            order by e.position""";

    /** Binds the values {@link #INSERT_ALL} names, with no trace context. */
    public GenericExecuteSpec bindAll(GenericExecuteSpec statement, List<Pending> events) {
        return bindAll(statement, events, Context.empty());
    }

    /**
     * Binds the values {@link #INSERT_ALL} names, with the trace of the request in {@code context} (the caller's
     * {@code Mono.deferContextual}), which the relay continues when it publishes the events.
     */
    public GenericExecuteSpec bindAll(GenericExecuteSpec statement, List<Pending> events, ContextView context) {
        return statement
                .bind("outboxTraceparent", Parameter.fromOrEmpty(traces.traceparent(context), String.class))
                .bind("outboxIds", events.stream().map(e -> e.event().eventId().toString()).toArray(String[]::new))
                .bind("outboxTopics", events.stream().map(Pending::topic).toArray(String[]::new))
                .bind("outboxKeys", events.stream().map(e -> e.event().key()).toArray(String[]::new))
                .bind("outboxTypes", events.stream().map(e -> EventTypes.typeOf(e.event().getClass()))
                        .toArray(String[]::new))
                .bind("outboxPayloads", events.stream().map(e -> json.writeValueAsString(e.event()))
                        .toArray(String[]::new))
                .bind("outboxOccurredAt", events.stream().map(e -> e.event().occurredAt().toString())
                        .toArray(String[]::new));
    }

    /** A tombstone: on a compacted topic it makes Kafka forget every earlier record with this key. */
    public Mono<Void> appendTombstone(String topic, String key) {
        return db.sql("""
                        insert into outbox_event (id, topic, event_key, occurred_at)
                        values (:id, :topic, :key, :occurredAt)""")
                .bind("id", UUID.randomUUID())
                .bind("topic", topic)
                .bind("key", key)
                .bind("occurredAt", Instant.now())
                .then();
    }
}
