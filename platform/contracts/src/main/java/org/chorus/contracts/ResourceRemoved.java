package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/** A service left the directory (closed for good or removed by staff). */
public record ResourceRemoved(UUID eventId, Instant occurredAt, UUID serviceId) implements IntegrationEvent {

    @Override
    public String key() {
        return serviceId.toString();
    }
}
