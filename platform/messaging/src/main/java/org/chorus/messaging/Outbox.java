package org.chorus.messaging;

import java.time.Instant;
import java.util.UUID;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records events to publish in the caller's database transaction. Nothing here talks to Kafka: the
 * {@link OutboxRelay} does, after the commit, so an event leaves only if the state change that caused it is durable.
 */
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;

    public Outbox(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Must run inside the transaction that makes the change the event reports. */
    public Mono<Void> append(String topic, IntegrationEvent event) {
        return db.sql("""
                        insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at)
                        values (:id, :topic, :key, :type, :payload, :occurredAt)""")
                .bind("id", event.eventId())
                .bind("topic", topic)
                .bind("key", event.key())
                .bind("type", EventTypes.typeOf(event.getClass()))
                .bind("payload", json.writeValueAsString(event))
                .bind("occurredAt", event.occurredAt())
                .then();
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
