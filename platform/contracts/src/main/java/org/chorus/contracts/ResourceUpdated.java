package org.chorus.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A directory service changed; the same shape as {@link ResourcePublished}, and whether the change reopened it.
 *
 * @param status    the HSDS status after the change ({@code active}, {@code temporarily closed}); null in events
 *                  written before it was added
 * @param reopened  true when the change ended a temporary closure (the service is {@code active} again); null in
 *                  events written before it was added
 * @param latitude  the centre of {@code postalCode}'s ZIP code area (see {@link ResourcePublished}), never a
 *                  place's own coordinates
 * @param longitude as {@code latitude}
 */
public record ResourceUpdated(UUID eventId, Instant occurredAt, UUID serviceId, String name, String postalCode,
                              List<String> taxonomyTerms, String status, Boolean reopened, Double latitude,
                              Double longitude) implements IntegrationEvent {

    @Override
    public String key() {
        return serviceId.toString();
    }
}
