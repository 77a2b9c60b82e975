package org.chorus.messaging;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every listener does with a record before its own work: read the event it carries and apply it once
 * ({@link IdempotentConsumer}). A record that cannot be read is not skipped in silence: it raises
 * {@link UnreadableEvent} (as does an event under a key that is not its own), which the dead-lettering error handler parks on {@code <topic>.<consumer group>.dlt}
 * without retrying, and the listener goes on with the next record. Tombstones (no payload) carry no event and are
 * left to the caller, which alone knows what a tombstone on its topic means.
 */
public class EventIntake {

    private final JsonMapper json;
    private final IdempotentConsumer idempotent;

    public EventIntake(JsonMapper json, IdempotentConsumer idempotent) {
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.idempotent = idempotent;
    }

    /** The record's event; empty for a tombstone. Throws {@link UnreadableEvent} for anything else unreadable. */
    public Optional<IntegrationEvent> read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        eventId(record);
        String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                .orElseThrow(() -> new UnreadableEvent("no ce_type header"));
        Class<? extends IntegrationEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEvent("unknown ce_type " + type));
        IntegrationEvent event;
        try {
            event = json.readValue(record.value(), eventClass);
        } catch (JacksonException e) {
            // the parser's message quotes the payload: keep only its class
            throw new UnreadableEvent("payload is not a " + type + " (" + e.getClass().getSimpleName() + ")");
        }
        // the key decides the partition, and the partition the order: an event under another key may overtake or
        // trail the events of its own story, so applying it could undo a later one (a withdrawal, a tombstone)
        if (!event.key().equals(record.key())) {
            throw new UnreadableEvent("record key is not the event's key");
        }
        return Optional.of(event);
    }

    /**
     * Applies {@code effect} to the record's event unless {@code consumer} already has (same {@code ce_id}); the
     * effect and the bookkeeping commit together. Emits true when the effect ran, false for a repeat or a tombstone.
     */
    public Mono<Boolean> once(ConsumerRecord<String, String> record, String consumer,
                              Function<IntegrationEvent, Mono<?>> effect) {
        Optional<IntegrationEvent> event = read(record);
        if (event.isEmpty()) {
            return Mono.just(false);
        }
        return idempotent.once(consumer, eventId(record), () -> effect.apply(event.get()));
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        if (CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID).isEmpty()) {
            throw new UnreadableEvent("no ce_id header");
        }
        return CloudEventHeaders.id(record.headers())
                .orElseThrow(() -> new UnreadableEvent("ce_id is not a UUID"));
    }
}
