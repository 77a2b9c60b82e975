package org.chorus.resources.hsds;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The HSDS 3.0 objects this API answers with, field for field as Open Referral's compiled schemas name them. Absent
 * values are left out (no {@code null}s, which the schemas' string types refuse); a list view leaves out the arrays.
 * Read back by the staff HSDS import ({@link HsdsDrafts}), where fields Chorus does not keep are passed over.
 */
final class Hsds {

    private Hsds() {
    }

    /**
     * A stable id for a record Chorus keeps without one of its own (a phone, a weekly hour, a language, an
     * attribute), made of what the record is rather than where it stands (a phone's number and type, an opening's
     * day and hours, and which of several equal ones it is), so reordering a service's phones or hours keeps their
     * ids: the same parts always give the same UUID (name-based, RFC 4122 version 3).
     */
    static UUID id(String kind, Object... parts) {
        StringBuilder name = new StringBuilder("chorus:hsds:").append(kind);
        for (Object part : parts) {
            name.append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Service(UUID id, UUID organizationId, String name, String description, String status,
                   LocalDate assuredDate, String alert, Instant lastModified, Organization organization,
                   List<Phone> phones, List<Schedule> schedules, List<ServiceAtLocation> serviceAtLocations,
                   List<Language> languages, List<Attribute> attributes) {

        /** The one-to-one fields and the organization: an item of a list (service_list.json). */
        Service brief() {
            return new Service(id, organizationId, name, description, status, assuredDate, alert, lastModified,
                    organization == null ? null : organization.brief(), null, null, null, null, null);
        }
    }

    /** A service as {@code /services?minimal=true} lists it: which one, and when it last changed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModifiedService(UUID id, Instant lastModified) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organization(UUID id, String name, String description, String website, List<Service> services) {

        Organization brief() {
            return new Organization(id, name, description, website, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Phone(UUID id, UUID serviceId, String number, String type, String description, List<Language> languages) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Language(UUID id, UUID serviceId, UUID phoneId, String name, String code) {
    }

    /** Weekly opening hours as an iCalendar-style rule: {@code freq=WEEKLY}, one day in {@code byday}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Schedule(UUID id, UUID serviceId, String freq, String wkst, String byday, String opensAt,
                    String closesAt, String description) {
    }

    /**
     * A service at one of its places. Chorus keeps each place for one service, so a service_at_location has its
     * location's id: {@code /service_at_locations/{id}} and {@code location_id} name the same place.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServiceAtLocation(UUID id, UUID serviceId, UUID locationId, String description, Location location,
                             Service service, List<Attribute> attributes) {
    }

    /**
     * A place. A confidential one (a shelter) is a {@code physical} location without addresses, latitude or
     * longitude, with a {@code call_for_location} attribute; its description names only its town and ZIP.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Location(UUID id, String locationType, String name, String description, Double latitude, Double longitude,
                    List<Address> addresses, List<Accessibility> accessibility, List<Attribute> attributes) {

        /** The one-to-one fields (service_at_location_list.json). */
        Location brief() {
            return new Location(id, locationType, name, description, latitude, longitude, null, null, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Address(UUID id, UUID locationId, @JsonProperty("address_1") String address1, String city,
                   String stateProvince, String postalCode, String country, String addressType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Accessibility(UUID id, UUID locationId, String description) {
    }

    /** A value of a taxonomy term attached to a record: how HSDS 3 carries what its fields do not say. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Attribute(UUID id, UUID linkId, String linkType, String linkEntity, UUID taxonomyTermId, String value,
                     TaxonomyTerm taxonomyTerm) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaxonomyTerm(UUID id, String code, String name, String description, String taxonomy, UUID taxonomyId,
                        String language) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Taxonomy(UUID id, String name, String description, String version) {
    }

    /**
     * The HSDS page envelope; pages count from 1 and {@code size} is the number of entities on this page (the 3.0
     * wording).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page<T>(long totalItems, long totalPages, int pageNumber, int size, boolean firstPage, boolean lastPage,
                   boolean empty, List<T> contents) {

        static <T> Page<T> of(List<T> contents, long totalItems, int pageNumber, int perPage) {
            long totalPages = Math.max(1, (totalItems + perPage - 1) / perPage);
            return new Page<>(totalItems, totalPages, pageNumber, contents.size(), pageNumber == 1,
                    pageNumber >= totalPages, contents.isEmpty(), contents);
        }
    }

    /** {@code GET /}: which HSDS this is and where its OpenAPI description is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record About(String version, String profile, String openapiUrl) {
    }
}
