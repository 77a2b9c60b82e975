package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in one service and that another may react to.
 * Every event is an immutable record named in the past tense, carrying its own id (consumers use it
 * for idempotency) and the instant it happened; the rest are plain values, never entities.
 */
public interface IntegrationEvent {

    UUID eventId();

    Instant occurredAt();

    /** The Kafka record key: all events of one aggregate share it, so they stay in order. */
    String key();
}
