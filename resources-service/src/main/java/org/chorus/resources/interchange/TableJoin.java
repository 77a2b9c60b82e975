package org.chorus.resources.interchange;

import static org.chorus.resources.interchange.DirectoryCsv.ACCESSIBILITY;
import static org.chorus.resources.interchange.DirectoryCsv.ADDRESSES;
import static org.chorus.resources.interchange.DirectoryCsv.ATTRIBUTES;
import static org.chorus.resources.interchange.DirectoryCsv.LANGUAGES;
import static org.chorus.resources.interchange.DirectoryCsv.LOCATIONS;
import static org.chorus.resources.interchange.DirectoryCsv.ORGANIZATIONS;
import static org.chorus.resources.interchange.DirectoryCsv.PHONES;
import static org.chorus.resources.interchange.DirectoryCsv.SCHEDULES;
import static org.chorus.resources.interchange.DirectoryCsv.SERVICES;
import static org.chorus.resources.interchange.DirectoryCsv.SERVICE_AT_LOCATIONS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceDraft.LocationDraft;
import org.chorus.resources.directory.ServiceDraft.OrganizationDraft;
import org.chorus.resources.directory.ServiceDraft.PhoneDraft;
import org.chorus.resources.directory.ServiceDraft.ScheduleDraft;
import org.chorus.resources.interchange.DirectoryCsv.Read;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;

/**
 * Puts the HSDS tables back together as services: one {@link ServiceDraft} per row of services.csv, with its
 * organization, locations (and their addresses and accessibility), phones (and their languages), languages, weekly
 * hours and taxonomy terms, each found by id. Checks the ids and references on the way; the drafts' own rules are
 * checked later by the import, like a JSON file's. Every table is read in one pass, in a fixed order, so the faults
 * come out in the order of the files.
 */
final class TableJoin {

    private final Map<String, List<Row>> tables;
    private final List<Fault> faults;

    private final Map<UUID, OrganizationDraft> organizations = new HashMap<>();
    private final Map<UUID, Row> services = new LinkedHashMap<>();
    private final Map<UUID, Row> locations = new HashMap<>();
    private final Map<UUID, Row> addresses = new HashMap<>();
    private final Map<UUID, List<String>> accessibility = new HashMap<>();
    private final Map<UUID, List<UUID>> placesOf = new HashMap<>();
    private final Map<UUID, Row> phones = new HashMap<>();
    private final Map<UUID, List<Row>> phonesOf = new HashMap<>();
    private final Map<UUID, List<String>> phoneLanguages = new HashMap<>();
    private final Map<UUID, List<String>> serviceLanguages = new HashMap<>();
    private final Map<UUID, List<ScheduleDraft>> hoursOf = new HashMap<>();
    private final Map<UUID, List<String>> termsOf = new HashMap<>();

    private TableJoin(Map<String, List<Row>> tables, List<Fault> faults) {
        this.tables = tables;
        this.faults = faults;
    }

    /** The services of the tables; empty when a fault was found, every fault being added to {@code faults}. */
    static Read join(Map<String, List<Row>> tables, List<Fault> faults) {
        return new TableJoin(tables, faults).join();
    }

    private Read join() {
        organizations();
        services();
        locations();
        addresses();
        accessibility();
        serviceAtLocations();
        phones();
        languages();
        schedules();
        attributes();
        return faults.isEmpty() ? drafts() : new Read(List.of(), List.of());
    }

    private void organizations() {
        for (Row row : table(ORGANIZATIONS)) {
            UUID id = row.id("id", faults);
            if (id != null && organizations.put(id, new OrganizationDraft(id, row.get("name"),
                    row.get("description"), row.get("website"))) != null) {
                faults.add(row.fault("id", "is also the id of an earlier row"));
            }
        }
    }

    private void services() {
        for (Row row : table(SERVICES)) {
            UUID id = row.id("id", faults);
            if (id != null && services.put(id, row) != null) {
                faults.add(row.fault("id", "is also the id of an earlier row"));
            }
            UUID organization = row.id("organization_id", faults);
            if (organization != null && !organizations.containsKey(organization)) {
                faults.add(row.fault("organization_id", "is not the id of a row in " + ORGANIZATIONS));
            }
            row.flag("free_of_charge", faults);
            row.flag("twenty_four_seven", faults);
        }
    }

    private void locations() {
        for (Row row : table(LOCATIONS)) {
            UUID id = row.id("id", faults);
            if (id != null && locations.put(id, row) != null) {
                faults.add(row.fault("id", "is also the id of an earlier row"));
            }
            row.decimal("latitude", faults);
            row.decimal("longitude", faults);
        }
    }

    private void addresses() {
        for (Row row : table(ADDRESSES)) {
            UUID location = row.reference("location_id", locations.keySet(), LOCATIONS, faults);
            if (location != null && addresses.put(location, row) != null) {
                faults.add(row.fault("location_id", "already has an address in an earlier row"));
            }
        }
    }

    private void accessibility() {
        for (Row row : table(ACCESSIBILITY)) {
            UUID location = row.reference("location_id", locations.keySet(), LOCATIONS, faults);
            if (location != null) {
                accessibility.computeIfAbsent(location, l -> new ArrayList<>()).add(row.get("description"));
            }
        }
    }

    private void serviceAtLocations() {
        for (Row row : table(SERVICE_AT_LOCATIONS)) {
            UUID service = row.reference("service_id", services.keySet(), SERVICES, faults);
            UUID location = row.reference("location_id", locations.keySet(), LOCATIONS, faults);
            if (service != null && location != null) {
                List<UUID> places = placesOf.computeIfAbsent(service, s -> new ArrayList<>());
                if (places.contains(location)) {
                    faults.add(row.fault("location_id", "links this service to this location twice"));
                }
                places.add(location);
            }
        }
    }

    private void phones() {
        for (Row row : table(PHONES)) {
            UUID service = row.reference("service_id", services.keySet(), SERVICES, faults);
            UUID id = row.get("id") == null ? null : row.id("id", faults);
            if (id != null && phones.put(id, row) != null) {
                faults.add(row.fault("id", "is also the id of an earlier row"));
            }
            if (service != null) {
                phonesOf.computeIfAbsent(service, s -> new ArrayList<>()).add(row);
            }
        }
    }

    /** A language belongs to a service or to one of its phones, never both. */
    private void languages() {
        for (Row row : table(LANGUAGES)) {
            if ((row.get("service_id") == null) == (row.get("phone_id") == null)) {
                faults.add(row.fault("service_id", "give either a service_id or a phone_id"));
            } else if (row.get("service_id") != null) {
                UUID service = row.reference("service_id", services.keySet(), SERVICES, faults);
                if (service != null) {
                    serviceLanguages.computeIfAbsent(service, s -> new ArrayList<>()).add(row.get("code"));
                }
            } else {
                UUID phone = row.reference("phone_id", phones.keySet(), PHONES, faults);
                if (phone != null) {
                    phoneLanguages.computeIfAbsent(phone, p -> new ArrayList<>()).add(row.get("code"));
                }
            }
        }
    }

    /** One row of schedules.csv may name several days (byday=MO,WE): one opening period per day. */
    private void schedules() {
        for (Row row : table(SCHEDULES)) {
            UUID service = row.reference("service_id", services.keySet(), SERVICES, faults);
            if (row.get("freq") != null && !row.get("freq").equals("WEEKLY")) {
                faults.add(row.fault("freq", "must be WEEKLY or empty"));
                continue;
            }
            for (String day : row.get("byday") == null ? new String[0] : row.get("byday").split(",")) {
                String weekday = day.strip();
                if (!ServiceDraft.WEEKDAYS.containsKey(weekday)) {
                    faults.add(row.fault("byday", "must list days as MO,TU,WE,TH,FR,SA,SU"));
                    break;
                }
                if (service != null) {
                    hoursOf.computeIfAbsent(service, s -> new ArrayList<>())
                            .add(new ScheduleDraft(weekday, row.get("opens_at"), row.get("closes_at")));
                }
            }
        }
    }

    private void attributes() {
        for (Row row : table(ATTRIBUTES)) {
            if (row.get("link_entity") != null && !row.get("link_entity").equals("service")) {
                continue; // attributes of other tables carry nothing this directory keeps
            }
            UUID service = row.reference("link_id", services.keySet(), SERVICES, faults);
            if (service != null) {
                termsOf.computeIfAbsent(service, s -> new ArrayList<>()).add(row.get("taxonomy_term_id"));
            }
        }
    }

    private Read drafts() {
        List<ServiceDraft> drafts = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Set<UUID> placed = new HashSet<>();
        for (Map.Entry<UUID, Row> service : services.entrySet()) {
            UUID id = service.getKey();
            Row row = service.getValue();
            drafts.add(new ServiceDraft(id, row.get("name"), row.get("description"),
                    organizations.get(UUID.fromString(row.get("organization_id"))),
                    row.flag("free_of_charge", faults), row.flag("twenty_four_seven", faults),
                    serviceLanguages.getOrDefault(id, List.of()), termsOf.getOrDefault(id, List.of()), null,
                    places(id, placed), phonesOf(id), hoursOf.getOrDefault(id, List.of())));
            sources.add(row.source());
        }
        return new Read(drafts, sources);
    }

    /** A location several services share becomes one copy per service; the first keeps its id. */
    private List<LocationDraft> places(UUID service, Set<UUID> placed) {
        List<LocationDraft> places = new ArrayList<>();
        for (UUID location : placesOf.getOrDefault(service, List.of())) {
            places.add(location(placed.add(location) ? location : null, locations.get(location),
                    addresses.get(location), accessibility.getOrDefault(location, List.of())));
        }
        return places;
    }

    private List<PhoneDraft> phonesOf(UUID service) {
        return phonesOf.getOrDefault(service, List.of()).stream()
                .map(phone -> new PhoneDraft(phone.get("number"), phone.get("type") == null ? "voice"
                        : phone.get("type"), phone.get("description"), phone.get("id") == null ? List.of()
                        : phoneLanguages.getOrDefault(UUID.fromString(phone.get("id")), List.of())))
                .toList();
    }

    private static LocationDraft location(UUID id, Row location, Row address, List<String> accessibility) {
        Row where = address != null ? address : new Row(location.source(), Map.of());
        return new LocationDraft(id, location.get("location_type"), where.get("address_1"), where.get("city"),
                where.get("state_province"), where.get("postal_code"), location.decimal("latitude", null),
                location.decimal("longitude", null), location.get("time_zone"), accessibility);
    }

    private List<Row> table(String file) {
        return tables.getOrDefault(file, List.of());
    }
}
