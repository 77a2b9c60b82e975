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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;

/**
 * Writes services to the tabular form: one temporary file per table, filled as the services stream past, then the
 * tables into one ZIP, so a large directory is never held in memory. Rows that only link (service_at_locations,
 * addresses, phones, ...) get fresh ids. Every cell goes through {@link DirectoryCsv#escaped}.
 */
final class CsvExport {

    private final Map<String, CSVPrinter> printers;
    private final Set<UUID> organizations = new HashSet<>();

    private CsvExport(Map<String, CSVPrinter> printers) {
        this.printers = printers;
    }

    /** Blocking: call it on boundedElastic. */
    static void write(Iterable<ServiceView> services, OutputStream out, Path workDirectory) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, CSVPrinter> printers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<String>> table : DirectoryCsv.COLUMNS.entrySet()) {
                Path file = Files.createTempFile(workDirectory, "chorus-export-", ".csv");
                files.put(table.getKey(), file);
                CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180);
                printer.printRecord(table.getValue());
                printers.put(table.getKey(), printer);
            }
            CsvExport export = new CsvExport(printers);
            for (ServiceView service : services) {
                export.service(service);
            }
            for (CSVPrinter printer : printers.values()) {
                printer.close();
            }
            zip(files, out);
        } finally {
            for (CSVPrinter printer : printers.values()) {
                printer.close();
            }
            for (Path file : files.values()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void zip(Map<String, Path> files, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                Files.copy(file.getValue(), zip);
                zip.closeEntry();
            }
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
        printers.get(table).printRecord(Arrays.stream(cells).map(DirectoryCsv::escaped).toList());
    }
}
