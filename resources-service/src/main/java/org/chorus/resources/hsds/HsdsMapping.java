package org.chorus.resources.hsds;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.chorus.resources.hsds.ChorusTaxonomies.Extension;
import org.chorus.resources.hsds.Hsds.Accessibility;
import org.chorus.resources.hsds.Hsds.Address;
import org.chorus.resources.hsds.Hsds.Attribute;
import org.chorus.resources.hsds.Hsds.Language;
import org.chorus.resources.hsds.Hsds.Location;
import org.chorus.resources.hsds.Hsds.Organization;
import org.chorus.resources.hsds.Hsds.Phone;
import org.chorus.resources.hsds.Hsds.Schedule;
import org.chorus.resources.hsds.Hsds.Service;
import org.chorus.resources.hsds.Hsds.ServiceAtLocation;
import org.springframework.stereotype.Component;

/**
 * A directory service as HSDS 3.0 shows it. Only public views come in (DirectoryQueries masks confidential places);
 * a confidential place is masked here again whatever arrives, so no change upstream can put a shelter's address or
 * coordinates on an HSDS path.
 */
@Component
class HsdsMapping {

    private static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private final Clock clock;

    HsdsMapping(Clock clock) {
        this.clock = clock;
    }

    Service service(ServiceView view) {
        return service(view, true, HsdsMapping::location);
    }

    /**
     * A service as staff hold it, for the staff HSDS export only: a confidential place keeps its true address and
     * coordinates (with its {@code call_for_location} attribute), as the staff JSON and CSV exports do, and the
     * moment's {@code open_now} is left out, being no fact the directory keeps. {@link HsdsDrafts} reads it back.
     */
    Service staffService(ServiceView view) {
        return service(view, false, HsdsMapping::staffLocation);
    }

    private Service service(ServiceView view, boolean withOpenNow, Function<LocationView, Location> asLocation) {
        UUID id = view.id();
        boolean temporarilyClosed = "temporarily closed".equals(view.status());
        List<Attribute> attributes = new ArrayList<>();
        for (String code : view.taxonomyTerms()) {
            ChorusTaxonomies.serviceType(code).ifPresent(term -> attributes.add(new Attribute(
                    Hsds.id("attribute", id, term.code()), id, "service", "service", term.id(), null, term)));
        }
        attributes.add(extension(id, "service", Extension.TWENTY_FOUR_SEVEN, String.valueOf(view.twentyFourSeven())));
        if (withOpenNow) {
            attributes.add(extension(id, "service", Extension.OPEN_NOW, String.valueOf(openNow(view))));
        }
        attributes.add(extension(id, "service", Extension.FREE_OF_CHARGE, String.valueOf(view.freeOfCharge())));
        attributes.add(extension(id, "service", Extension.TEMPORARILY_CLOSED, String.valueOf(temporarilyClosed)));
        if (view.lastVerified() != null) {
            attributes.add(extension(id, "service", Extension.LAST_VERIFIED, view.lastVerified().toString()));
        }
        if (temporarilyClosed && view.closureReason() != null) {
            attributes.add(extension(id, "service", Extension.CLOSURE_REASON, view.closureReason()));
        }
        if (temporarilyClosed && view.closedUntil() != null) {
            attributes.add(extension(id, "service", Extension.CLOSED_UNTIL, view.closedUntil().toString()));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Phone> phones = view.phones().stream().map(phone -> {
            UUID phoneId = Hsds.id("phone", id, phone.number(), phone.type(),
                    seen.merge("phone:" + phone.number() + ":" + phone.type(), 1, Integer::sum));
            List<Language> languages = phone.languages() == null ? null : phone.languages().stream()
                    .map(code -> new Language(Hsds.id("language", phoneId, code), null, phoneId, languageName(code),
                            code)).toList();
            return new Phone(phoneId, id, phone.number(), phone.type(), phone.description(), languages);
        }).toList();
        List<Schedule> schedules = view.schedules().stream().map(hours -> new Schedule(
                Hsds.id("schedule", id, hours.weekday(), hours.opensAt(), hours.closesAt(), seen.merge("schedule:"
                        + hours.weekday() + ":" + hours.opensAt() + ":" + hours.closesAt(), 1, Integer::sum)),
                id, "WEEKLY", "MO", hours.weekday(), hours.opensAt(), hours.closesAt(), null)).toList();
        List<Language> languages = view.languages().stream()
                .map(code -> new Language(Hsds.id("language", id, code), id, null, languageName(code), code)).toList();
        List<ServiceAtLocation> places = view.locations().stream().map(place -> new ServiceAtLocation(place.id(), id, place.id(), null, asLocation.apply(place), null, null))
                .toList();
        ServiceView.OrganizationView owner = view.organization();
        return new Service(id, owner.id(), view.name(), view.description(), view.status(), view.lastVerified(),
                temporarilyClosed ? view.closureReason() : null, view.modifiedAt(), organization(owner), phones,
                schedules, places, languages, List.copyOf(attributes));
    }

    static Organization organization(ServiceView.OrganizationView owner) {
        // HSDS requires a description; an organization without one says nothing rather than something invented
        return new Organization(owner.id(), owner.name(), owner.description() == null ? "" : owner.description(),
                owner.website(), null);
    }

    /** A place as the public may see it: a confidential one without street, number or coordinates. */
    static Location location(LocationView place) {
        UUID id = place.id();
        List<Attribute> attributes = new ArrayList<>();
        if (place.timeZone() != null) {
            attributes.add(extension(id, "location", Extension.TIME_ZONE, place.timeZone()));
        }
        List<Accessibility> accessibility = place.accessibility() == null ? null : place.accessibility().stream()
                .map(code -> new Accessibility(Hsds.id("accessibility", id, code), id, code)).toList();
        if (isConfidential(place)) {
            attributes.add(extension(id, "location", Extension.CALL_FOR_LOCATION, "true"));
            String area = Stream.of(place.city(), place.stateProvince(), place.postalCode())
                    .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" "));
            String description = "Confidential location" + (area.isEmpty() ? "" : " in " + area)
                    + ": call for the address.";
            return new Location(id, "physical", null, description, null, null, null, accessibility,
                    List.copyOf(attributes));
        }
        if ("virtual".equals(place.locationType())) {
            return new Location(id, "virtual", null, null, null, null, null, accessibility, List.copyOf(attributes));
        }
        List<Address> addresses = place.address1() == null || place.city() == null || place.stateProvince() == null
                || place.postalCode() == null ? null
                : List.of(new Address(Hsds.id("address", id), id, place.address1(), place.city(),
                        place.stateProvince(), place.postalCode(), "US", "physical"));
        return new Location(id, "physical", null, null, place.latitude(), place.longitude(), addresses,
                accessibility, List.copyOf(attributes));
    }

    /**
     * A place as staff hold it: every location type with its whole address when it has any part of one (a missing
     * part as {@code ""}, HSDS requiring every address field), a confidential one as a {@code physical} location with
     * a {@code call_for_location} attribute.
     */
    static Location staffLocation(LocationView place) {
        UUID id = place.id();
        List<Attribute> attributes = new ArrayList<>();
        if (place.timeZone() != null) {
            attributes.add(extension(id, "location", Extension.TIME_ZONE, place.timeZone()));
        }
        if (isConfidential(place)) {
            attributes.add(extension(id, "location", Extension.CALL_FOR_LOCATION, "true"));
        }
        List<Accessibility> accessibility = place.accessibility() == null ? null : place.accessibility().stream()
                .map(code -> new Accessibility(Hsds.id("accessibility", id, code), id, code)).toList();
        boolean anyAddress = Stream.of(place.address1(), place.city(), place.stateProvince(), place.postalCode())
                .anyMatch(part -> part != null);
        List<Address> addresses = !anyAddress ? null : List.of(new Address(Hsds.id("address", id), id,
                orEmpty(place.address1()), orEmpty(place.city()), orEmpty(place.stateProvince()),
                orEmpty(place.postalCode()), "US", "physical"));
        return new Location(id, "virtual".equals(place.locationType()) ? "virtual" : "physical", null, null,
                place.latitude(), place.longitude(), addresses, accessibility, List.copyOf(attributes));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static boolean isConfidential(LocationView place) {
        return "confidential".equals(place.locationType()) || Boolean.TRUE.equals(place.callForLocation());
    }

    /**
     * Open at this moment in the main location's time zone, as search's open_now reads the hours: hours whose
     * closing time is at or before their opening time run past midnight.
     */
    boolean openNow(ServiceView view) {
        if (view.twentyFourSeven()) {
            return true;
        }
        ZoneId zone;
        try {
            zone = view.location() == null || view.location().timeZone() == null ? ZoneId.of("UTC")
                    : ZoneId.of(view.location().timeZone());
        } catch (DateTimeException unknownZone) {
            return false;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        int today = now.getDayOfWeek().getValue();
        int yesterday = (today + 5) % 7 + 1;
        LocalTime time = now.toLocalTime();
        for (ScheduleView hours : view.schedules()) {
            int day = WEEKDAYS.indexOf(hours.weekday()) + 1;
            LocalTime opens = LocalTime.parse(hours.opensAt());
            LocalTime closes = LocalTime.parse(hours.closesAt());
            boolean overnight = !closes.isAfter(opens);
            if (day == today && !opens.isAfter(time) && (closes.isAfter(time) || overnight)) {
                return true;
            }
            if (day == yesterday && overnight && time.isBefore(closes)) {
                return true;
            }
        }
        return false;
    }

    private static Attribute extension(UUID linkId, String entity, Extension extension, String value) {
        return new Attribute(Hsds.id("attribute", linkId, extension.code), linkId, entity, entity,
                extension.term.id(), value, extension.term);
    }

    private static String languageName(String code) {
        String name = Locale.forLanguageTag(code).getDisplayName(Locale.ENGLISH);
        return name.isEmpty() ? code : name;
    }
}
