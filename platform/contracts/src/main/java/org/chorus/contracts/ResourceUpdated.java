package org.chorus.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A directory service changed; same shape as {@link ResourcePublished}. */
public record ResourceUpdated(UUID eventId, Instant occurredAt, UUID serviceId, String name, String postalCode,
                              List<String> taxonomyTerms) implements IntegrationEvent {

    @Override
    public String key() {
        return serviceId.toString();
    }
}
