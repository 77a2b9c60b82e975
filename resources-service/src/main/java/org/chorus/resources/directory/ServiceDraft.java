package org.chorus.resources.directory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.resources.taxonomy.TaxonomyTerm;
import org.chorus.web.InvalidInput;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What staff send to create or replace a service, with its organization and locations. Checked here rather than with
 * bean validation so every error names the field as it is spelled in the JSON (snake_case, with list indexes).
 * Fields only an export carries (status, closure_reason, closed_until, last_verified, modified_at, call_for_location)
 * are ignored, so an export imports back as it is.
 *
 * @param location  one location, for a service with a single place
 * @param locations several locations (HSDS service_at_location), the first being the main one; when given,
 *                  {@code location} is ignored (an export carries both, {@code location} being the first)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceDraft(UUID id, String name, String description, OrganizationDraft organization, Boolean freeOfCharge,
                    Boolean twentyFourSeven, List<String> languages, List<String> taxonomyTerms,
                    LocationDraft location, List<LocationDraft> locations, List<PhoneDraft> phones,
                    List<ScheduleDraft> schedules) {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 4_000;
    static final int MAX_LIST = 20;

    /** HSDS and iCalendar spell weekdays this way. */
    public static final Map<String, DayOfWeek> WEEKDAYS = Map.of(
            "MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY, "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY,
            "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY, "SU", DayOfWeek.SUNDAY);

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ZIP = Pattern.compile("\\d{5}");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{3,30}");
    private static final Pattern HHMM = Pattern.compile("\\d{2}:\\d{2}");
    private static final Set<String> LOCATION_TYPES = Set.of("physical", "virtual", "confidential");
    private static final Set<String> PHONE_TYPES = Set.of("voice", "text", "tty");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrganizationDraft(UUID id, String name, String description, String website) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LocationDraft(UUID id, String locationType, @JsonProperty("address_1") String address1, String city,
                         String stateProvince, String postalCode, Double latitude, Double longitude, String timeZone,
                         List<String> accessibility) {

        boolean isVirtual() {
            return "virtual".equals(locationType);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PhoneDraft(String number, String type, String description, List<String> languages) {
    }

    /** Weekly hours: {@code closes_at} at or before {@code opens_at} runs past midnight into the next day. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScheduleDraft(String weekday, String opensAt, String closesAt) {

        int isoWeekday() {
            return WEEKDAYS.get(weekday).getValue();
        }

        LocalTime opens() {
            return LocalTime.parse(opensAt);
        }

        LocalTime closes() {
            return LocalTime.parse(closesAt);
        }
    }

    /** Throws {@link InvalidInput} naming the first field that breaks a rule. */
    public ServiceDraft checked() {
        text("name", name, MAX_NAME, true);
        text("description", description, MAX_TEXT, false);
        if (organization == null) {
            throw new InvalidInput("organization", "is required");
        }
        text("organization.name", organization.name(), MAX_NAME, true);
        text("organization.description", organization.description(), MAX_TEXT, false);
        website("organization.website", organization.website());
        tokens("languages", languages, LANGUAGE);
        if (taxonomyTerms == null || taxonomyTerms.isEmpty()) {
            throw new InvalidInput("taxonomy_terms", "needs at least one of " + TaxonomyTerm.codes());
        }
        list("taxonomy_terms", taxonomyTerms);
        for (int i = 0; i < taxonomyTerms.size(); i++) {
            if (!TaxonomyTerm.isKnown(taxonomyTerms.get(i))) {
                throw new InvalidInput("taxonomy_terms[" + i + "]", "is not one of " + TaxonomyTerm.codes());
            }
        }
        checkLocations();
        list("phones", phones);
        for (int i = 0; phones != null && i < phones.size(); i++) {
            PhoneDraft phone = phones.get(i);
            String at = "phones[" + i + "]";
            if (phone == null) {
                throw new InvalidInput(at, "must not be null");
            }
            text(at + ".number", phone.number(), 30, true);
            if (!PHONE.matcher(phone.number()).matches()) {
                throw new InvalidInput(at + ".number", "may hold only digits, spaces and + ( ) - .");
            }
            if (!PHONE_TYPES.contains(phone.type())) {
                throw new InvalidInput(at + ".type", "must be one of " + PHONE_TYPES);
            }
            text(at + ".description", phone.description(), MAX_NAME, false);
            tokens(at + ".languages", phone.languages(), LANGUAGE);
        }
        if (schedules != null && schedules.size() > 7 * 4) {
            throw new InvalidInput("schedules", "may hold at most 28 opening periods");
        }
        for (int i = 0; schedules != null && i < schedules.size(); i++) {
            checkSchedule("schedules[" + i + "]", schedules.get(i));
        }
        return this;
    }

    boolean freeOfChargeOrFalse() {
        return Boolean.TRUE.equals(freeOfCharge);
    }

    boolean twentyFourSevenOrFalse() {
        return Boolean.TRUE.equals(twentyFourSeven);
    }

    List<String> languagesOrEmpty() {
        return languages == null ? List.of() : languages;
    }

    List<PhoneDraft> phonesOrEmpty() {
        return phones == null ? List.of() : phones;
    }

    List<ScheduleDraft> schedulesOrEmpty() {
        return schedules == null ? List.of() : schedules;
    }

    /** The service's locations, main one first: {@code locations} when given, else the single {@code location}. */
    public List<LocationDraft> places() {
        if (locations != null && !locations.isEmpty()) {
            return locations;
        }
        return location == null ? List.of() : List.of(location);
    }

    /** How errors name the i-th place: {@code locations[i]} when the list was sent, else {@code location}. */
    public String placeField(int i) {
        return locations != null && !locations.isEmpty() ? "locations[" + i + "]" : "location";
    }

    /** The ZIP code events carry: the main place's, unless the service has no place people can go to. */
    String postalCode() {
        return places().stream().filter(place -> !place.isVirtual()).map(LocationDraft::postalCode).findFirst()
                .orElse(null);
    }

    private void checkLocations() {
        if ((locations == null || locations.isEmpty()) && location == null) {
            throw new InvalidInput("location", "is required");
        }
        list("locations", locations);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < places().size(); i++) {
            String at = placeField(i);
            LocationDraft place = places().get(i);
            if (place == null) {
                throw new InvalidInput(at, "must not be null");
            }
            if (place.id() != null && !ids.add(place.id())) {
                throw new InvalidInput(at + ".id", "is the id of another location of this service");
            }
            checkLocation(at, place);
        }
    }

    private static void checkLocation(String at, LocationDraft location) {
        if (!LOCATION_TYPES.contains(location.locationType())) {
            throw new InvalidInput(at + ".location_type", "must be one of " + LOCATION_TYPES);
        }
        text(at + ".address_1", location.address1(), MAX_NAME, false);
        text(at + ".city", location.city(), 100, false);
        text(at + ".state_province", location.stateProvince(), 50, false);
        if (location.postalCode() != null && !ZIP.matcher(location.postalCode()).matches()) {
            throw new InvalidInput(at + ".postal_code", "must be a five-digit US ZIP code");
        }
        text(at + ".time_zone", location.timeZone(), 64, true);
        tokens(at + ".accessibility", location.accessibility(), TOKEN);
        if (location.isVirtual()) {
            if (location.latitude() != null || location.longitude() != null) {
                throw new InvalidInput(at + ".latitude", "must be empty for a virtual location");
            }
            return;
        }
        if (location.latitude() == null || location.latitude() < -90 || location.latitude() > 90) {
            throw new InvalidInput(at + ".latitude", "is required, between -90 and 90");
        }
        if (location.longitude() == null || location.longitude() < -180 || location.longitude() > 180) {
            throw new InvalidInput(at + ".longitude", "is required, between -180 and 180");
        }
        if (location.postalCode() == null) {
            throw new InvalidInput(at + ".postal_code", "is required for a place people can be sent to");
        }
    }

    private static void checkSchedule(String at, ScheduleDraft hours) {
        if (hours == null) {
            throw new InvalidInput(at, "must not be null");
        }
        if (hours.weekday() == null || !WEEKDAYS.containsKey(hours.weekday())) {
            throw new InvalidInput(at + ".weekday", "must be one of MO, TU, WE, TH, FR, SA, SU");
        }
        time(at + ".opens_at", hours.opensAt());
        time(at + ".closes_at", hours.closesAt());
    }

    private static void time(String field, String value) {
        try {
            if (value != null && HHMM.matcher(value).matches()) {
                LocalTime.parse(value);
                return;
            }
        } catch (DateTimeParseException e) {
            // falls through to the same answer as a value of the wrong shape
        }
        throw new InvalidInput(field, "must be a time of day as HH:MM, 00:00 to 23:59");
    }

    private static void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInput(field, "is required");
            }
            return;
        }
        if (value.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters");
        }
        storable(field, value);
    }

    /**
     * PostgreSQL refuses U+0000 in text (a 500 if it got that far) and an unpaired surrogate is no character at all,
     * so both are refused here, where every text field of a draft passes, naming the field.
     */
    static void storable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidInput(field, "must not contain the NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInput(field, "must not contain an unpaired surrogate");
            }
        }
    }

    private static void website(String field, String value) {
        text(field, value, 500, false);
        if (value != null && !value.isBlank() && !value.startsWith("https://") && !value.startsWith("http://")) {
            throw new InvalidInput(field, "must be an http or https address");
        }
    }

    private static void list(String field, List<?> values) {
        if (values != null && values.size() > MAX_LIST) {
            throw new InvalidInput(field, "may hold at most " + MAX_LIST + " items");
        }
    }

    private static void tokens(String field, List<String> values, Pattern shape) {
        list(field, values);
        for (int i = 0; values != null && i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.length() > 40 || !shape.matcher(value).matches()) {
                throw new InvalidInput(field + "[" + i + "]", "is not a valid code");
            }
        }
    }
}
