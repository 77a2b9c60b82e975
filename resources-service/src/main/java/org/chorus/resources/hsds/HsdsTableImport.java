package org.chorus.resources.hsds;

import static org.chorus.resources.hsds.HsdsTables.ACCESSIBILITY;
import static org.chorus.resources.hsds.HsdsTables.ADDRESSES;
import static org.chorus.resources.hsds.HsdsTables.ATTRIBUTES;
import static org.chorus.resources.hsds.HsdsTables.LANGUAGES;
import static org.chorus.resources.hsds.HsdsTables.LOCATIONS;
import static org.chorus.resources.hsds.HsdsTables.ORGANIZATIONS;
import static org.chorus.resources.hsds.HsdsTables.PHONES;
import static org.chorus.resources.hsds.HsdsTables.SCHEDULES;
import static org.chorus.resources.hsds.HsdsTables.SERVICES;
import static org.chorus.resources.hsds.HsdsTables.SERVICE_AT_LOCATION;
import static org.chorus.resources.hsds.HsdsTables.TAXONOMY_TERMS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.chorus.resources.hsds.Hsds.TaxonomyTerm;
import org.chorus.resources.interchange.DirectoryImport;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;
import org.chorus.resources.interchange.Row;
import org.chorus.resources.interchange.ZipTables;

/**
 * Reads HSDS's tabular data package back into HSDS services, one per row of services.csv, nested as
 * {@code /services/{id}} gives them, so {@link HsdsDrafts} reads them as it reads the JSON import. Ids and references
 * are checked here, naming the file, row and column; rows the directory keeps nothing of (a phone of an organization,
 * an attribute of a contact, a schedule of a location) are passed over. Every HSDS field path of a service is
 * remembered with the row it came from, so a later fault ({@code phones[1].number}) is reported at
 * {@code phones.csv[7].number}.
 */
final class HsdsTableImport {

    private final Map<String, List<Row>> tables;
    private final List<Fault> faults = new ArrayList<>();

    private final Map<UUID, Row> organizations = new HashMap<>();
    private final Map<UUID, Row> services = new LinkedHashMap<>();
    private final Map<UUID, Row> locations = new HashMap<>();
    private final Map<UUID, Row> phones = new HashMap<>();
    private final Map<UUID, TaxonomyTerm> terms = new HashMap<>();
    private final Map<UUID, List<Row>> addressesOf = new HashMap<>();
    private final Map<UUID, List<Row>> accessibilityOf = new HashMap<>();
    private final Map<UUID, List<Row>> serviceAttributes = new HashMap<>();
    private final Map<UUID, List<Row>> locationAttributes = new HashMap<>();
    private final Map<UUID, List<Row>> placesOf = new HashMap<>();
    private final Map<UUID, List<Row>> phonesOf = new HashMap<>();
    private final Map<UUID, List<Row>> languagesOf = new HashMap<>();
    private final Map<UUID, List<Row>> schedulesOf = new HashMap<>();

    /**
     * The services of a package, the services.csv row of each, and where each HSDS field path of each service was
     * read from.
     */
    record Read(List<Service> services, List<Source> sources, List<Map<String, Source>> origins) {

        /** The fault at the row that holds {@code path}, the rest of the path naming the column. */
        Fault fault(int service, String path, String message) {
            Map<String, Source> rows = origins.get(service);
            String prefix = path;
            while (true) {
                Source source = rows.get(prefix);
                if (source != null) {
                    return new Fault(source, prefix.length() == path.length() ? ""
                            : path.substring(prefix.isEmpty() ? 0 : prefix.length() + 1), message);
                }
                prefix = prefix.contains(".") ? prefix.substring(0, prefix.lastIndexOf('.')) : "";
            }
        }
    }

    private HsdsTableImport(Map<String, List<Row>> tables) {
        this.tables = tables;
    }

    /**
     * @param maxUnpacked the most bytes all entries may unpack to
     * @throws org.springframework.web.ErrorResponseException the import's rejection, naming each file, row and column
     */
    static Read read(Path zip, long maxUnpacked) {
        List<Fault> unread = new ArrayList<>();
        Map<String, List<Row>> tables = ZipTables.read(zip, maxUnpacked, HsdsTables.READ, unread);
        for (String required : List.of(ORGANIZATIONS, SERVICES)) {
            if (!tables.containsKey(required)) {
                unread.add(new Fault(new Source(required, 1), "", "is missing from the ZIP file"));
            }
        }
        if (!unread.isEmpty()) {
            throw DirectoryImport.rejected(unread);
        }
        HsdsTableImport join = new HsdsTableImport(tables);
        join.index();
        if (!join.faults.isEmpty()) {
            throw DirectoryImport.rejected(join.faults);
        }
        return join.services();
    }

    /** Every table in one pass, in a fixed order, so faults come out in the order of the files. */
    private void index() {
        for (Row row : table(ORGANIZATIONS)) {
            unique(row, organizations);
        }
        for (Row row : table(SERVICES)) {
            unique(row, services);
            row.reference("organization_id", organizations.keySet(), ORGANIZATIONS, faults);
        }
        for (Row row : table(TAXONOMY_TERMS)) {
            UUID id = row.id("id", faults);
            if (row.get("taxonomy_id") != null) {
                row.id("taxonomy_id", faults);
            }
            if (id != null) {
                terms.put(id, new TaxonomyTerm(id, row.get("code"), row.get("name"), row.get("description"),
                        row.get("taxonomy"), optionalId(row, "taxonomy_id"), row.get("language")));
            }
        }
        for (Row row : table(LOCATIONS)) {
            unique(row, locations);
            row.decimal("latitude", faults);
            row.decimal("longitude", faults);
        }
        ids(ADDRESSES);
        linked(ADDRESSES, "location_id", locations, LOCATIONS, addressesOf);
        ids(ACCESSIBILITY);
        linked(ACCESSIBILITY, "location_id", locations, LOCATIONS, accessibilityOf);
        for (Row row : table(SERVICE_AT_LOCATION)) {
            row.id("id", faults);
            UUID service = row.reference("service_id", services.keySet(), SERVICES, faults);
            row.reference("location_id", locations.keySet(), LOCATIONS, faults);
            if (service != null) {
                placesOf.computeIfAbsent(service, s -> new ArrayList<>()).add(row);
            }
        }
        for (Row row : table(PHONES)) {
            unique(row, phones);
        }
        linked(PHONES, "service_id", services, SERVICES, phonesOf);
        for (Row row : table(LANGUAGES)) {
            row.id("id", faults);
            if (row.get("service_id") != null && row.get("phone_id") != null) {
                faults.add(row.fault("phone_id", "give a service_id or a phone_id, not both"));
            } else if (row.get("phone_id") != null) {
                add(row, row.reference("phone_id", phones.keySet(), PHONES, faults), languagesOf);
            } else if (row.get("service_id") != null) {
                add(row, row.reference("service_id", services.keySet(), SERVICES, faults), languagesOf);
            }
        }
        ids(SCHEDULES);
        linked(SCHEDULES, "service_id", services, SERVICES, schedulesOf);
        for (Row row : table(ATTRIBUTES)) {
            row.id("id", faults);
            row.id("taxonomy_term_id", faults);
            String entity = row.get("link_entity");
            if ("service".equals(entity)) {
                add(row, row.reference("link_id", services.keySet(), SERVICES, faults), serviceAttributes);
            } else if ("location".equals(entity)) {
                add(row, row.reference("link_id", locations.keySet(), LOCATIONS, faults), locationAttributes);
            }
        }
    }

    /** Rows of {@code file} naming a row of {@code target} in {@code column}; those leaving it empty are not ours. */
    private void linked(String file, String column, Map<UUID, Row> target, String targetFile,
                        Map<UUID, List<Row>> into) {
        for (Row row : table(file)) {
            if (row.get(column) != null) {
                add(row, row.reference(column, target.keySet(), targetFile, faults), into);
            }
        }
    }

    private void ids(String file) {
        for (Row row : table(file)) {
            row.id("id", faults);
        }
    }

    private static void add(Row row, UUID owner, Map<UUID, List<Row>> into) {
        if (owner != null) {
            into.computeIfAbsent(owner, o -> new ArrayList<>()).add(row);
        }
    }

    private void unique(Row row, Map<UUID, Row> into) {
        UUID id = row.id("id", faults);
        if (id != null && into.putIfAbsent(id, row) != null) {
            faults.add(row.fault("id", "is also the id of an earlier row"));
        }
    }

    private Read services() {
        List<Service> all = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        List<Map<String, Source>> origins = new ArrayList<>();
        for (Map.Entry<UUID, Row> entry : services.entrySet()) {
            Map<String, Source> origin = new HashMap<>();
            all.add(service(entry.getKey(), entry.getValue(), origin));
            sources.add(entry.getValue().source());
            origins.add(origin);
        }
        return new Read(all, sources, origins);
    }

    private Service service(UUID id, Row row, Map<String, Source> origin) {
        origin.put("", row.source());
        Row owner = organizations.get(UUID.fromString(row.get("organization_id")));
        origin.put("organization", owner.source());
        Organization organization = new Organization(UUID.fromString(owner.get("id")), owner.get("name"),
                owner.get("description"), owner.get("website"), null);
        List<ServiceAtLocation> places = new ArrayList<>();
        for (Row link : of(placesOf, id)) {
            String at = "service_at_locations[" + places.size() + "]";
            origin.put(at, link.source());
            UUID locationId = UUID.fromString(link.get("location_id"));
            places.add(new ServiceAtLocation(optionalId(link, "id"), id, locationId, link.get("description"),
                    location(locationId, at + ".location", origin), null, null));
        }
        List<Phone> phoneList = new ArrayList<>();
        for (Row phone : of(phonesOf, id)) {
            String at = "phones[" + phoneList.size() + "]";
            origin.put(at, phone.source());
            UUID phoneId = UUID.fromString(phone.get("id"));
            phoneList.add(new Phone(phoneId, id, phone.get("number"), phone.get("type"), phone.get("description"),
                    languages(phoneId, at + ".languages", origin)));
        }
        List<Schedule> hours = new ArrayList<>();
        for (Row schedule : of(schedulesOf, id)) {
            origin.put("schedules[" + hours.size() + "]", schedule.source());
            hours.add(new Schedule(optionalId(schedule, "id"), id, schedule.get("freq"), schedule.get("wkst"),
                    schedule.get("byday"), schedule.get("opens_at"), schedule.get("closes_at"),
                    schedule.get("description")));
        }
        return new Service(id, organization.id(), row.get("name"), row.get("description"), row.get("status"), null,
                row.get("alert"), null, organization, phoneList, hours, places, languages(id, "languages", origin),
                attributes(serviceAttributes, id, "attributes", origin));
    }

    /** A place's physical address first: the one HSDS drafts read (as addresses[0]). */
    private Location location(UUID id, String at, Map<String, Source> origin) {
        Row place = locations.get(id);
        origin.put(at, place.source());
        List<Row> addressRows = new ArrayList<>(of(addressesOf, id));
        addressRows.sort(Comparator.comparing(address -> "postal".equals(address.get("address_type"))));
        List<Address> addresses = new ArrayList<>();
        for (Row address : addressRows) {
            origin.put(at + ".addresses[" + addresses.size() + "]", address.source());
            addresses.add(new Address(optionalId(address, "id"), id, address.get("address_1"), address.get("city"),
                    address.get("state_province"), address.get("postal_code"), address.get("country"),
                    address.get("address_type")));
        }
        List<Accessibility> accessibility = new ArrayList<>();
        for (Row feature : of(accessibilityOf, id)) {
            origin.put(at + ".accessibility[" + accessibility.size() + "]", feature.source());
            accessibility.add(new Accessibility(optionalId(feature, "id"), id, feature.get("description")));
        }
        return new Location(id, place.get("location_type"), place.get("name"), place.get("description"),
                place.decimal("latitude", null), place.decimal("longitude", null),
                addresses.isEmpty() ? null : addresses, accessibility,
                attributes(locationAttributes, id, at + ".attributes", origin));
    }

    private List<Language> languages(UUID owner, String at, Map<String, Source> origin) {
        List<Language> languages = new ArrayList<>();
        for (Row language : of(languagesOf, owner)) {
            origin.put(at + "[" + languages.size() + "]", language.source());
            languages.add(new Language(optionalId(language, "id"), optionalId(language, "service_id"),
                    optionalId(language, "phone_id"), language.get("name"), language.get("code")));
        }
        return languages;
    }

    /** A location's time zone is also found as {@code attributes[time_zone]}, the name HSDS drafts give it. */
    private List<Attribute> attributes(Map<UUID, List<Row>> rows, UUID owner, String at, Map<String, Source> origin) {
        List<Attribute> attributes = new ArrayList<>();
        for (Row attribute : of(rows, owner)) {
            UUID termId = UUID.fromString(attribute.get("taxonomy_term_id"));
            origin.put(at + "[" + attributes.size() + "]", attribute.source());
            if (Extension.TIME_ZONE.term.id().equals(termId)) {
                origin.put(at + "[time_zone]", attribute.source());
            }
            TaxonomyTerm term = terms.containsKey(termId) ? terms.get(termId)
                    : ChorusTaxonomies.term(termId).orElse(null);
            attributes.add(new Attribute(optionalId(attribute, "id"), owner, attribute.get("link_type"),
                    attribute.get("link_entity"), termId, attribute.get("value"), term));
        }
        return attributes;
    }

    /** An id checked already (a fault was added if it was malformed, and then nothing is put together). */
    private static UUID optionalId(Row row, String column) {
        String value = row.get(column);
        return value == null ? null : UUID.fromString(value);
    }

    private static List<Row> of(Map<UUID, List<Row>> rows, UUID owner) {
        return rows.getOrDefault(owner, List.of());
    }

    private List<Row> table(String file) {
        return tables.getOrDefault(file, List.of());
    }
}
