package org.chorus.resources.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A service as HSDS 3 shows it, with its organization, locations, phones and weekly hours.
 *
 * @param closureReason why a temporarily closed service is closed, if staff said
 * @param closedUntil   the day a temporarily closed service expects to reopen, if staff said
 * @param location      the main location (the first of {@code locations}); in a search answer, the nearest one
 *                      (the search_document the database renders in this shape), measured to each place's public
 *                      point (a confidential location's ZIP centre)
 * @param locations     every location, in the order staff gave them (HSDS service_at_location)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServiceView(UUID id, String name, String description, OrganizationView organization, String status,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String closureReason,
                   @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate closedUntil,
                   boolean freeOfCharge, boolean twentyFourSeven, LocalDate lastVerified, List<String> languages,
                   List<String> taxonomyTerms, LocationView location, List<LocationView> locations,
                   List<PhoneView> phones, List<ScheduleView> schedules, Instant modifiedAt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationView(UUID id, String name, String description, String website) {
    }

    /**
     * Null fields are left out, so a confidential location's answer does not even name the fields it hides.
     *
     * @param callForLocation true for a confidential location: its address is given only over the phone
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationView(UUID id, String locationType, @JsonProperty("address_1") String address1, String city,
                        String stateProvince, String postalCode, Double latitude, Double longitude, String timeZone,
                        List<String> accessibility, Boolean callForLocation) {

        boolean isConfidential() {
            return "confidential".equals(locationType);
        }

        /** What anyone may see: a shelter's address and coordinates never leave the service. */
        LocationView forPublic() {
            if (!isConfidential()) {
                return this;
            }
            return new LocationView(id, locationType, null, city, stateProvince, postalCode, null, null, timeZone,
                    accessibility, true);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhoneView(String number, String type, String description, List<String> languages) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScheduleView(String weekday, String opensAt, String closesAt) {
    }

    /** The same service with every confidential location shown as the public may see it. */
    ServiceView forPublic() {
        return new ServiceView(id, name, description, organization, status, closureReason, closedUntil, freeOfCharge,
                twentyFourSeven, lastVerified, languages, taxonomyTerms,
                location == null ? null : location.forPublic(),
                locations.stream().map(LocationView::forPublic).toList(), phones, schedules, modifiedAt);
    }
}
