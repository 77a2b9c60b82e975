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

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;

/**
 * Writes services to the tabular form through {@link TableFiles}, so a large directory is never held in memory. Rows
 * that only link (service_at_locations, addresses, phones, ...) get fresh ids.
 */
final class CsvExport {

    private final TableFiles tables;
    private final Set<UUID> organizations = new HashSet<>();

    private CsvExport(TableFiles tables) {
        this.tables = tables;
    }

    /** Blocking: call it on boundedElastic. */
    static void write(Iterable<ServiceView> services, OutputStream out, Path workDirectory) throws IOException {
        try (TableFiles tables = TableFiles.create(DirectoryCsv.COLUMNS, workDirectory)) {
            CsvExport export = new CsvExport(tables);
            for (ServiceView service : services) {
                export.service(service);
            }
            tables.zip(out, Map.of());
        }
    }
    private void service(ServiceView service) throws IOException {
        if (organizations.add(service.organization().id())) {
            print(ORGANIZATIONS, service.organization().id(), service.organization().name(),
                    service.organization().description(), service.organization().website());
        }
        print(SERVICES, service.id(), service.organization().id(), service.name(), service.description(),
                service.status(), service.closureReason(), service.closedUntil(), service.freeOfCharge(),
                service.twentyFourSeven(), service.lastVerified());
        for (LocationView place : service.locations()) {
            location(service.id(), place);
        }
        for (PhoneView phone : service.phones()) {
            phone(service.id(), phone);
        }
        for (String language : service.languages()) {
            print(LANGUAGES, UUID.randomUUID(), service.id(), null, language);
        }
        for (ScheduleView hours : service.schedules()) {
            print(SCHEDULES, UUID.randomUUID(), service.id(), "WEEKLY", hours.weekday(), hours.opensAt(),
                    hours.closesAt());
        }
        for (String term : service.taxonomyTerms()) {
            print(ATTRIBUTES, UUID.randomUUID(), service.id(), "service", term);
        }
    }

    private void location(UUID service, LocationView place) throws IOException {
        print(LOCATIONS, place.id(), place.locationType(), place.latitude(), place.longitude(), place.timeZone());
        print(SERVICE_AT_LOCATIONS, UUID.randomUUID(), service, place.id());
        if (!place.locationType().equals("virtual")) {
            print(ADDRESSES, UUID.randomUUID(), place.id(), place.address1(), place.city(), place.stateProvince(),
                    place.postalCode(), "US", "physical");
        }
        for (String feature : place.accessibility()) {
            print(ACCESSIBILITY, UUID.randomUUID(), place.id(), feature);
        }
    }

    private void phone(UUID service, PhoneView phone) throws IOException {
        UUID phoneId = UUID.randomUUID();
        print(PHONES, phoneId, service, phone.number(), phone.type(), phone.description());
        for (String language : phone.languages() == null ? List.<String>of() : phone.languages()) {
            print(LANGUAGES, UUID.randomUUID(), null, phoneId, language);
        }
    }

    private void print(String table, Object... cells) throws IOException {
        tables.row(table, cells);
    }
}
