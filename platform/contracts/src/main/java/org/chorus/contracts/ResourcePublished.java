package org.chorus.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service was added to the help directory. Carries what "new help near you" needs and nothing a confidential
 * location must hide: the postal code area, never an address or coordinates.
 *
 * @param postalCode     the ZIP area the service serves from, or null for a virtual-only service
 * @param taxonomyTerms  service types such as {@code crisis-hotline}, {@code counselling}
 */
public record ResourcePublished(UUID eventId, Instant occurredAt, UUID serviceId, String name, String postalCode,
                                List<String> taxonomyTerms) implements IntegrationEvent {

    @Override
    public String key() {
        return serviceId.toString();
    }
}
