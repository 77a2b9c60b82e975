package org.chorus.resources.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A service as HSDS 3 shows it, with its organization, location, phones and weekly hours. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ServiceView(UUID id, String name, String description, OrganizationView organization, String status,
                   boolean freeOfCharge, boolean twentyFourSeven, LocalDate lastVerified, List<String> languages,
                   List<String> taxonomyTerms, LocationView location, List<PhoneView> phones,
                   List<ScheduleView> schedules, Instant modifiedAt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrganizationView(UUID id, String name, String description, String website) {
    }

    /**
     * Null fields are left out, so a confidential location's answer does not even name the fields it hides.
     *
     * @param callForLocation true for a confidential location: its address is given only over the phone
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LocationView(String locationType, @JsonProperty("address_1") String address1, String city,
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
            return new LocationView(locationType, null, city, stateProvince, postalCode, null, null, timeZone,
                    accessibility, true);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PhoneView(String number, String type, String description, List<String> languages) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScheduleView(String weekday, String opensAt, String closesAt) {
    }

    ServiceView forPublic() {
        return location == null ? this : new ServiceView(id, name, description, organization, status, freeOfCharge,
                twentyFourSeven, lastVerified, languages, taxonomyTerms, location.forPublic(), phones, schedules,
                modifiedAt);
    }
}
