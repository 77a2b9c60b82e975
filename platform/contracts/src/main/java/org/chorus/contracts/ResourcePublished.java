package org.chorus.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service was added to the help directory, or came back after being closed. Carries what "new help near you"
 * needs and nothing a confidential location must hide: the postal code area and its centre, never an address or
 * a place's coordinates.
 *
 * @param postalCode     the ZIP area of the service's main place, or null for a virtual-only service
 * @param taxonomyTerms  service types such as {@code crisis-hotline}, {@code counselling}
 * @param status         the HSDS status after the change ({@code active}, {@code temporarily closed}); null in
 *                       events written before it was added
 * @param latitude       the centre of {@code postalCode}'s ZIP code area (Census ZCTA, as resources-service ships
 *                       it), never a place's own coordinates; null for a virtual-only service, a ZIP that is not a
 *                       ZCTA, and in events written before it was added
 * @param longitude      as {@code latitude}
 */
public record ResourcePublished(UUID eventId, Instant occurredAt, UUID serviceId, String name, String postalCode,
                                List<String> taxonomyTerms, String status, Double latitude, Double longitude)
        implements IntegrationEvent {

    @Override
    public String key() {
        return serviceId.toString();
    }
}
