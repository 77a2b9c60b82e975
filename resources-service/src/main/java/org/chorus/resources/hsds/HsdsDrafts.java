package org.chorus.resources.hsds;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceDraft.LocationDraft;
import org.chorus.resources.directory.ServiceDraft.OrganizationDraft;
import org.chorus.resources.directory.ServiceDraft.PhoneDraft;
import org.chorus.resources.directory.ServiceDraft.ScheduleDraft;
import org.chorus.resources.hsds.ChorusTaxonomies.Extension;
import org.chorus.resources.hsds.Hsds.Address;
import org.chorus.resources.hsds.Hsds.Attribute;
import org.chorus.resources.hsds.Hsds.Language;
import org.chorus.resources.hsds.Hsds.Location;
import org.chorus.resources.hsds.Hsds.Schedule;
import org.chorus.resources.hsds.Hsds.Service;
import org.chorus.resources.hsds.Hsds.ServiceAtLocation;
import org.chorus.resources.interchange.DirectoryImport;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;
import org.chorus.resources.taxonomy.TaxonomyTerm;
import org.chorus.web.InvalidInput;

/**
 * The inverse of {@link HsdsMapping#staffService}: HSDS 3.0 services (as {@code /services/{id}} answers) as the drafts
 * the directory imports. What Chorus keeps comes back from where the mapping put it: service types and
 * {@code free_of_charge}/{@code twenty_four_seven} from attributes, a place's time zone and confidentiality from its
 * attributes, weekly hours from {@code freq=WEEKLY} schedules ({@code byday} may name several days). What changes
 * only through its own staff action (status, {@code alert}, {@code assured_date}) is passed over, as in every import,
 * and so is whatever HSDS has and Chorus does not keep (contacts, funding, service areas, ...).
 */
final class HsdsDrafts {

    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:00)?");
    private static final Pattern LOCATION_FIELD = Pattern.compile("locations\\[(\\d+)]\\.(.+)");

    /** The drafts, one per service in the file's order (null where the file has null). */
    record Read(List<ServiceDraft> drafts, List<Source> sources) {
    }

    private HsdsDrafts() {
    }

    /**
     * A JSON file: the n-th service is row n.
     *
     * @throws org.springframework.web.ErrorResponseException naming every service HSDS fields cannot be read from
     */
    static Read read(List<Service> services) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; services != null && i < services.size(); i++) {
            sources.add(new Source(null, i + 1));
        }
        return read(services, sources, (i, field, message) -> new Fault(sources.get(i), field, message));
    }

    /**
     * @param sources one per service: where it was read from
     * @param places  where a fault in a service's HSDS field is reported
     */
    static Read read(List<Service> services, List<Source> sources, DirectoryImport.FaultPlaces places) {
        if (services != null && services.size() > DirectoryImport.MAX_ROWS) {
            // before any service is read: the same answer as the import's own count
            throw new InvalidInput("services", "a file may hold at most " + DirectoryImport.MAX_ROWS + " services");
        }
        List<ServiceDraft> drafts = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; services != null && i < services.size(); i++) {
            try {
                drafts.add(services.get(i) == null ? null : draft(services.get(i)));
            } catch (InvalidInput e) {
                faults.add(places.fault(i, e.field(), e.getMessage()));
            }
        }
        if (!faults.isEmpty()) {
            throw DirectoryImport.rejected(faults);
        }
        return new Read(drafts, sources);
    }

    static ServiceDraft draft(Service service) {
        if (service.organization() == null) {
            throw new InvalidInput("organization", "is required: the whole organization, as /services/{id} gives it");
        }
        Hsds.Organization owner = service.organization();
        OrganizationDraft organization = new OrganizationDraft(
                owner.id() != null ? owner.id() : service.organizationId(), owner.name(),
                blankAsNull(owner.description()), owner.website());
        List<String> types = new ArrayList<>();
        Boolean free = null;
        Boolean allHours = null;
        List<Attribute> attributes = orEmpty(service.attributes());
        for (int i = 0; i < attributes.size(); i++) {
            Attribute attribute = attributes.get(i);
            String at = "attributes[" + i + "]";
            if (attribute == null) {
                throw new InvalidInput(at, "must not be null");
            }
            Optional<String> type = serviceType(attribute);
            if (type.isPresent()) {
                if (!types.contains(type.get())) {
                    types.add(type.get());
                }
            } else if (is(attribute, Extension.FREE_OF_CHARGE)) {
                free = bool(at + ".value", attribute.value());
            } else if (is(attribute, Extension.TWENTY_FOUR_SEVEN)) {
                allHours = bool(at + ".value", attribute.value());
            }
        }
        List<LocationDraft> places = new ArrayList<>();
        List<ServiceAtLocation> links = orEmpty(service.serviceAtLocations());
        for (int i = 0; i < links.size(); i++) {
            places.add(place("service_at_locations[" + i + "]", links.get(i)));
        }
        List<PhoneDraft> phones = new ArrayList<>();
        List<Hsds.Phone> hsdsPhones = orEmpty(service.phones());
        for (int i = 0; i < hsdsPhones.size(); i++) {
            Hsds.Phone phone = hsdsPhones.get(i);
            String at = "phones[" + i + "]";
            if (phone == null) {
                throw new InvalidInput(at, "must not be null");
            }
            phones.add(new PhoneDraft(phone.number(), phone.type() == null ? "voice" : phone.type(),
                    phone.description(), phone.languages() == null ? null
                            : codes(at + ".languages", phone.languages())));
        }
        List<ScheduleDraft> hours = new ArrayList<>();
        List<Schedule> schedules = orEmpty(service.schedules());
        for (int i = 0; i < schedules.size(); i++) {
            hours.addAll(hours("schedules[" + i + "]", schedules.get(i)));
        }
        return new ServiceDraft(service.id(), service.name(), service.description(), organization, free, allHours,
                codes("languages", orEmpty(service.languages())), types, null, places, phones, hours);
    }

    /**
     * How a draft's field is spelled in the HSDS service it came from, for the import's report:
     * {@code locations[0].postal_code} is {@code service_at_locations[0].location.addresses[0].postal_code}.
     */
    static String fieldName(String draftField) {
        var place = LOCATION_FIELD.matcher(draftField);
        if (place.matches()) {
            String at = "service_at_locations[" + place.group(1) + "].location";
            String field = place.group(2);
            return switch (field) {
                case "address_1", "city", "state_province", "postal_code" -> at + ".addresses[0]." + field;
                case "time_zone" -> at + ".attributes[time_zone].value";
                default -> field.startsWith("accessibility[") ? at + "." + field + ".description" : at + "." + field;
            };
        }
        if (draftField.equals("location") || draftField.equals("locations")) {
            return "service_at_locations";
        }
        if (draftField.equals("locations.id")) {
            return "service_at_locations.location.id";
        }
        if (draftField.startsWith("taxonomy_terms")) {
            return "attributes";
        }
        if (draftField.matches("(phones\\[\\d+]\\.)?languages\\[\\d+]")) {
            return draftField + ".code";
        }
        return draftField;
    }

    private static LocationDraft place(String at, ServiceAtLocation link) {
        if (link == null) {
            throw new InvalidInput(at, "must not be null");
        }
        Location location = link.location();
        if (location == null) {
            throw new InvalidInput(at + ".location", "is required: the place itself, as /services/{id} gives it");
        }
        at = at + ".location";
        boolean confidential = false;
        String timeZone = null;
        List<Attribute> attributes = orEmpty(location.attributes());
        for (int i = 0; i < attributes.size(); i++) {
            Attribute attribute = attributes.get(i);
            if (attribute == null) {
                throw new InvalidInput(at + ".attributes[" + i + "]", "must not be null");
            }
            if (is(attribute, Extension.CALL_FOR_LOCATION)) {
                confidential = bool(at + ".attributes[" + i + "].value", attribute.value());
            } else if (is(attribute, Extension.TIME_ZONE)) {
                timeZone = attribute.value();
            }
        }
        String type;
        if ("virtual".equals(location.locationType())) {
            type = "virtual";
        } else if ("physical".equals(location.locationType()) || "postal".equals(location.locationType())) {
            type = confidential ? "confidential" : "physical";
        } else {
            throw new InvalidInput(at + ".location_type", "must be one of physical, postal, virtual");
        }
        Address address = orEmpty(location.addresses()).stream().filter(Objects::nonNull)
                .filter(one -> !"postal".equals(one.addressType())).findFirst()
                .orElse(orEmpty(location.addresses()).stream().filter(Objects::nonNull).findFirst().orElse(null));
        List<String> accessibility = location.accessibility() == null ? null : new ArrayList<>();
        for (int i = 0; location.accessibility() != null && i < location.accessibility().size(); i++) {
            Hsds.Accessibility one = location.accessibility().get(i);
            if (one == null) {
                throw new InvalidInput(at + ".accessibility[" + i + "]", "must not be null");
            }
            accessibility.add(one.description());
        }
        UUID id = location.id() != null ? location.id() : link.locationId();
        return new LocationDraft(id, type, address == null ? null : blankAsNull(address.address1()),
                address == null ? null : blankAsNull(address.city()),
                address == null ? null : blankAsNull(address.stateProvince()),
                address == null ? null : blankAsNull(address.postalCode()), location.latitude(), location.longitude(),
                timeZone, accessibility);
    }

    /** One draft per day of a weekly schedule. */
    private static List<ScheduleDraft> hours(String at, Schedule schedule) {
        if (schedule == null) {
            throw new InvalidInput(at, "must not be null");
        }
        if (schedule.freq() != null && !schedule.freq().equals("WEEKLY")) {
            throw new InvalidInput(at + ".freq", "must be WEEKLY: the directory keeps weekly hours only");
        }
        if (schedule.byday() == null || schedule.byday().isBlank()) {
            throw new InvalidInput(at + ".byday", "is required: the days, as MO,WE");
        }
        String opens = time(at + ".opens_at", schedule.opensAt());
        String closes = time(at + ".closes_at", schedule.closesAt());
        List<ScheduleDraft> days = new ArrayList<>();
        for (String day : schedule.byday().split(",", -1)) {
            if (!ServiceDraft.WEEKDAYS.containsKey(day.strip())) {
                throw new InvalidInput(at + ".byday", "must list days of MO, TU, WE, TH, FR, SA, SU, as MO,WE");
            }
            days.add(new ScheduleDraft(day.strip(), opens, closes));
        }
        return days;
    }

    private static String time(String field, String value) {
        try {
            if (value != null && TIME.matcher(value).matches()) {
                LocalTime.parse(value);
                return value.substring(0, 5);
            }
        } catch (DateTimeParseException e) {
            // the same answer as a value of the wrong shape
        }
        throw new InvalidInput(field, "must be a time of day as HH:MM (or HH:MM:00), 00:00 to 23:59");
    }

    private static Optional<String> serviceType(Attribute attribute) {
        UUID termId = termId(attribute);
        Optional<String> byId = termId == null ? Optional.empty() : ChorusTaxonomies.term(termId)
                .filter(term -> ChorusTaxonomies.SERVICE_TYPES.id().equals(term.taxonomyId()))
                .map(Hsds.TaxonomyTerm::code);
        if (byId.isPresent() || attribute.taxonomyTerm() == null) {
            return byId;
        }
        // another system's attribute naming one of the directory's service types by its code
        String code = attribute.taxonomyTerm().code();
        return code != null && TaxonomyTerm.isKnown(code) ? Optional.of(code) : Optional.empty();
    }

    private static boolean is(Attribute attribute, Extension extension) {
        return extension.term.id().equals(termId(attribute));
    }

    private static UUID termId(Attribute attribute) {
        if (attribute.taxonomyTermId() != null) {
            return attribute.taxonomyTermId();
        }
        return attribute.taxonomyTerm() == null ? null : attribute.taxonomyTerm().id();
    }

    private static boolean bool(String field, String value) {
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        throw new InvalidInput(field, "must be true or false");
    }

    private static List<String> codes(String at, List<Language> languages) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < languages.size(); i++) {
            if (languages.get(i) == null) {
                throw new InvalidInput(at + "[" + i + "]", "must not be null");
            }
            codes.add(languages.get(i).code());
        }
        return codes;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
