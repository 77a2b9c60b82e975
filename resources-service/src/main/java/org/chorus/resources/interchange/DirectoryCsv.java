package org.chorus.resources.interchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceDraft.LocationDraft;
import org.chorus.resources.directory.ServiceDraft.OrganizationDraft;
import org.chorus.resources.directory.ServiceDraft.PhoneDraft;
import org.chorus.resources.directory.ServiceDraft.ScheduleDraft;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.chorus.web.InvalidInput;

/**
 * The HSDS 3 tabular form: a ZIP of CSV files (RFC 4180, UTF-8, a header row naming the columns), one per HSDS
 * table, joined by id. What each file holds is in the README; columns this directory does not know are ignored, and
 * so are files it does not know, so a file from another HSDS system imports what it can. The tables are joined back
 * into one {@link ServiceDraft} per row of services.csv, and each fault is reported with its file and row (the header
 * is row 1).
 *
 * <p>Cells that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) are
 * written with a leading apostrophe, which the import removes again: an export opened in a spreadsheet cannot run
 * what someone typed into a service's name.
 */
final class DirectoryCsv {

    static final String ORGANIZATIONS = "organizations.csv";
    static final String SERVICES = "services.csv";
    static final String LOCATIONS = "locations.csv";
    static final String ADDRESSES = "addresses.csv";
    static final String SERVICE_AT_LOCATIONS = "service_at_locations.csv";
    static final String PHONES = "phones.csv";
    static final String SCHEDULES = "schedules.csv";
    static final String LANGUAGES = "languages.csv";
    static final String ACCESSIBILITY = "accessibility.csv";
    static final String ATTRIBUTES = "attributes.csv";

    /** Every file and its columns, in the order an export writes them; required columns are in {@link #REQUIRED}. */
    static final Map<String, List<String>> COLUMNS = columns();

    static final Map<String, Set<String>> REQUIRED = Map.of(
            ORGANIZATIONS, Set.of("id", "name"),
            SERVICES, Set.of("id", "organization_id", "name"),
            LOCATIONS, Set.of("id", "location_type"),
            ADDRESSES, Set.of("location_id"),
            SERVICE_AT_LOCATIONS, Set.of("service_id", "location_id"),
            PHONES, Set.of("service_id", "number"),
            SCHEDULES, Set.of("service_id", "byday", "opens_at", "closes_at"),
            LANGUAGES, Set.of("code"),
            ACCESSIBILITY, Set.of("location_id", "description"),
            ATTRIBUTES, Set.of("link_id", "taxonomy_term_id"));

    /** Rows per file beyond the services themselves: hours, phones and languages come several to a service. */
    static final int MAX_ROWS_PER_FILE = DirectoryImport.MAX_ROWS * 50;

    private static final CSVFormat READ = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180;
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String FORMULA_START = "=+-@\t\r";

    private DirectoryCsv() {
    }

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put(ORGANIZATIONS, List.of("id", "name", "description", "website"));
        columns.put(SERVICES, List.of("id", "organization_id", "name", "description", "status", "closure_reason",
                "closed_until", "free_of_charge", "twenty_four_seven", "assured_date"));
        columns.put(LOCATIONS, List.of("id", "location_type", "latitude", "longitude", "time_zone"));
        columns.put(ADDRESSES, List.of("id", "location_id", "address_1", "city", "state_province", "postal_code",
                "country", "address_type"));
        columns.put(SERVICE_AT_LOCATIONS, List.of("id", "service_id", "location_id"));
        columns.put(PHONES, List.of("id", "service_id", "number", "type", "description"));
        columns.put(SCHEDULES, List.of("id", "service_id", "freq", "byday", "opens_at", "closes_at"));
        columns.put(LANGUAGES, List.of("id", "service_id", "phone_id", "code"));
        columns.put(ACCESSIBILITY, List.of("id", "location_id", "description"));
        columns.put(ATTRIBUTES, List.of("id", "link_id", "link_entity", "taxonomy_term_id"));
        return columns;
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /** The services of a ZIP, one per row of services.csv, with the rows they came from. */
    record Read(List<ServiceDraft> drafts, List<Source> sources) {
    }

    /** One CSV row: its number (header = 1) and its cells by column name, empty cells left out. */
    private record Row(Source source, Map<String, String> cells) {

        String get(String column) {
            return cells.get(column);
        }
    }

    /**
     * Reads the tables of a ZIP file. Throws the import's rejection (400 with a per-row report) if a file is missing,
     * does not parse, or a row breaks a rule or points at a row that is not there.
     *
     * @param maxUnpacked the most bytes all entries may unpack to
     */
    static Read read(Path zip, long maxUnpacked) {
        List<Fault> faults = new ArrayList<>();
        Map<String, List<Row>> tables = new HashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            long budget = maxUnpacked;
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (entry.isDirectory() || !COLUMNS.containsKey(name)) {
                    continue; // other HSDS tables (contacts.csv, ...) and anything else are not ours to read
                }
                if (tables.containsKey(name)) {
                    faults.add(new Fault(new Source(name, 1), "", "appears twice in the ZIP file"));
                    continue;
                }
                try (Capped in = new Capped(file.getInputStream(entry), budget)) {
                    tables.put(name, rows(name, in, faults));
                    budget -= in.read;
                }
            }
        } catch (ZipException e) {
            throw new InvalidInput("file", "is not a ZIP file of HSDS CSV files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String required : List.of(ORGANIZATIONS, SERVICES)) {
            if (!tables.containsKey(required)) {
                faults.add(new Fault(new Source(required, 1), "", "is missing from the ZIP file"));
            }
        }
        if (!faults.isEmpty()) {
            throw DirectoryImport.rejected(faults);
        }
        Read read = join(tables, faults);
        if (!faults.isEmpty()) {
            throw DirectoryImport.rejected(faults);
        }
        return read;
    }

    /** Refuses to unpack more than its budget, whatever the entry claims its size is. */
    private static final class Capped extends java.io.FilterInputStream {

        private final long budget;
        private long read;

        Capped(InputStream in, long budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > budget) {
                throw new InvalidInput("file", "unpacks to more than the import limit allows");
            }
        }
    }

    private static List<Row> rows(String file, InputStream in, List<Fault> faults) {
        List<Row> rows = new ArrayList<>();
        int row = 1;
        Set<String> known = new HashSet<>(COLUMNS.get(file));
        try (CSVParser parser = READ.parse(new LineLimited(withoutByteOrderMark(new BufferedReader(
                new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))))))) {
            List<String> header = parser.getHeaderNames();
            Set<String> missing = new HashSet<>(REQUIRED.get(file));
            header.forEach(missing::remove);
            if (!missing.isEmpty()) {
                missing.stream().sorted().forEach(column ->
                        faults.add(new Fault(new Source(file, 1), column, "is a required column")));
                return rows;
            }
            for (CSVRecord record : parser) {
                row++;
                Source source = new Source(file, row);
                if (rows.size() >= MAX_ROWS_PER_FILE) {
                    faults.add(new Fault(source, "", "a file may hold at most " + MAX_ROWS_PER_FILE + " rows"));
                    break;
                }
                if (record.size() != header.size()) {
                    faults.add(new Fault(source, "", "has " + record.size() + " cells; the header has "
                            + header.size()));
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String value = record.get(i);
                    // only what this directory reads is kept: memory follows the known columns, not the file
                    if (!value.isEmpty() && known.contains(header.get(i))) {
                        cells.put(header.get(i), unescaped(value));
                    }
                }
                rows.add(new Row(source, cells));
            }
        } catch (LineLimited.TooLong e) {
            faults.add(new Fault(new Source(file, row + 1), "", "has a line longer than "
                    + LineLimited.MAX_LINE + " characters"));
        } catch (IllegalArgumentException e) {
            // commons-csv refuses a header with a repeated or empty column name
            faults.add(new Fault(new Source(file, 1), "", "the header names a column twice or leaves one unnamed"));
        } catch (UncheckedIOException e) {
            faults.add(notCsv(file, row + 1, e.getCause()));
        } catch (IOException | IllegalStateException e) {
            faults.add(notCsv(file, row + 1, e));
        }
        return rows;
    }

    /** The parser's own message quotes the file; the row number is enough to find the fault. */
    private static Fault notCsv(String file, int row, Throwable cause) {
        return new Fault(new Source(file, row), "", cause instanceof CharacterCodingException
                ? "is not UTF-8 text"
                : "is not valid CSV (a quoted cell is not closed, or text follows its closing quote)");
    }

    /**
     * Stops a line (a cell, a header) from growing without end: the parser would hold all of it in memory. No cell this
     * directory keeps is longer than {@value ServiceDraft#MAX_TEXT} characters.
     */
    private static final class LineLimited extends java.io.FilterReader {

        static final int MAX_LINE = 65_536;

        private int line;

        LineLimited(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(char c) {
            line = c == '\n' ? 0 : line + 1;
            if (line > MAX_LINE) {
                throw new TooLong();
            }
        }

        static final class TooLong extends RuntimeException {

            TooLong() {
                super(null, null, false, false);
            }
        }
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Puts the tables back together as services; every fault found is added to {@code faults}. */
    private static Read join(Map<String, List<Row>> tables, List<Fault> faults) {
        Map<UUID, OrganizationDraft> organizations = new HashMap<>();
        for (Row row : table(tables, ORGANIZATIONS)) {
            UUID id = id(row, "id", faults);
            if (id != null && organizations.put(id, new OrganizationDraft(id, row.get("name"),
                    row.get("description"), row.get("website"))) != null) {
                faults.add(new Fault(row.source(), "id", "is also the id of an earlier row"));
            }
        }
        List<Row> services = table(tables, SERVICES);
        Map<UUID, Row> serviceRows = new LinkedHashMap<>();
        for (Row row : services) {
            UUID id = id(row, "id", faults);
            if (id != null && serviceRows.put(id, row) != null) {
                faults.add(new Fault(row.source(), "id", "is also the id of an earlier row"));
            }
            UUID organization = id(row, "organization_id", faults);
            if (organization != null && !organizations.containsKey(organization)) {
                faults.add(new Fault(row.source(), "organization_id", "is not the id of a row in " + ORGANIZATIONS));
            }
            flag(row, "free_of_charge", faults);
            flag(row, "twenty_four_seven", faults);
        }

        Map<UUID, Row> locations = new HashMap<>();
        for (Row row : table(tables, LOCATIONS)) {
            UUID id = id(row, "id", faults);
            if (id != null && locations.put(id, row) != null) {
                faults.add(new Fault(row.source(), "id", "is also the id of an earlier row"));
            }
            decimal(row, "latitude", faults);
            decimal(row, "longitude", faults);
        }
        Map<UUID, Row> addresses = new HashMap<>();
        for (Row row : table(tables, ADDRESSES)) {
            UUID location = reference(row, "location_id", locations.keySet(), LOCATIONS, faults);
            if (location != null && addresses.put(location, row) != null) {
                faults.add(new Fault(row.source(), "location_id", "already has an address in an earlier row"));
            }
        }
        Map<UUID, List<String>> accessibility = new HashMap<>();
        for (Row row : table(tables, ACCESSIBILITY)) {
            UUID location = reference(row, "location_id", locations.keySet(), LOCATIONS, faults);
            if (location != null) {
                accessibility.computeIfAbsent(location, l -> new ArrayList<>()).add(row.get("description"));
            }
        }
        Map<UUID, List<UUID>> placesOf = new HashMap<>();
        for (Row row : table(tables, SERVICE_AT_LOCATIONS)) {
            UUID service = reference(row, "service_id", serviceRows.keySet(), SERVICES, faults);
            UUID location = reference(row, "location_id", locations.keySet(), LOCATIONS, faults);
            if (service != null && location != null) {
                List<UUID> places = placesOf.computeIfAbsent(service, s -> new ArrayList<>());
                if (places.contains(location)) {
                    faults.add(new Fault(row.source(), "location_id", "links this service to this location twice"));
                }
                places.add(location);
            }
        }

        Map<UUID, List<String>> phoneLanguages = new HashMap<>();
        Map<UUID, List<String>> serviceLanguages = new HashMap<>();
        Map<UUID, Row> phoneRows = new HashMap<>();
        Map<UUID, List<Row>> phonesOf = new HashMap<>();
        for (Row row : table(tables, PHONES)) {
            UUID service = reference(row, "service_id", serviceRows.keySet(), SERVICES, faults);
            UUID id = row.get("id") == null ? null : id(row, "id", faults);
            if (id != null && phoneRows.put(id, row) != null) {
                faults.add(new Fault(row.source(), "id", "is also the id of an earlier row"));
            }
            if (service != null) {
                phonesOf.computeIfAbsent(service, s -> new ArrayList<>()).add(row);
            }
        }
        for (Row row : table(tables, LANGUAGES)) {
            if ((row.get("service_id") == null) == (row.get("phone_id") == null)) {
                faults.add(new Fault(row.source(), "service_id", "give either a service_id or a phone_id"));
            } else if (row.get("service_id") != null) {
                UUID service = reference(row, "service_id", serviceRows.keySet(), SERVICES, faults);
                if (service != null) {
                    serviceLanguages.computeIfAbsent(service, s -> new ArrayList<>()).add(row.get("code"));
                }
            } else {
                UUID phone = reference(row, "phone_id", phoneRows.keySet(), PHONES, faults);
                if (phone != null) {
                    phoneLanguages.computeIfAbsent(phone, p -> new ArrayList<>()).add(row.get("code"));
                }
            }
        }
        Map<UUID, List<ScheduleDraft>> hoursOf = new HashMap<>();
        for (Row row : table(tables, SCHEDULES)) {
            UUID service = reference(row, "service_id", serviceRows.keySet(), SERVICES, faults);
            if (row.get("freq") != null && !row.get("freq").equals("WEEKLY")) {
                faults.add(new Fault(row.source(), "freq", "must be WEEKLY or empty"));
                continue;
            }
            for (String day : row.get("byday") == null ? new String[0] : row.get("byday").split(",")) {
                String weekday = day.strip();
                if (!ServiceDraft.WEEKDAYS.containsKey(weekday)) {
                    faults.add(new Fault(row.source(), "byday", "must list days as MO,TU,WE,TH,FR,SA,SU"));
                    break;
                }
                if (service != null) {
                    hoursOf.computeIfAbsent(service, s -> new ArrayList<>())
                            .add(new ScheduleDraft(weekday, row.get("opens_at"), row.get("closes_at")));
                }
            }
        }
        Map<UUID, List<String>> termsOf = new HashMap<>();
        for (Row row : table(tables, ATTRIBUTES)) {
            if (row.get("link_entity") != null && !row.get("link_entity").equals("service")) {
                continue; // attributes of other tables carry nothing this directory keeps
            }
            UUID service = reference(row, "link_id", serviceRows.keySet(), SERVICES, faults);
            if (service != null) {
                termsOf.computeIfAbsent(service, s -> new ArrayList<>()).add(row.get("taxonomy_term_id"));
            }
        }
        if (!faults.isEmpty()) {
            return new Read(List.of(), List.of());
        }

        List<ServiceDraft> drafts = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Set<UUID> placed = new HashSet<>();
        for (Map.Entry<UUID, Row> service : serviceRows.entrySet()) {
            UUID id = service.getKey();
            Row row = service.getValue();
            List<LocationDraft> places = new ArrayList<>();
            for (UUID location : placesOf.getOrDefault(id, List.of())) {
                // a location several services share becomes one copy per service; the first keeps its id
                places.add(location(placed.add(location) ? location : null, locations.get(location),
                        addresses.get(location), accessibility.getOrDefault(location, List.of())));
            }
            List<PhoneDraft> phones = phonesOf.getOrDefault(id, List.of()).stream()
                    .map(phone -> new PhoneDraft(phone.get("number"), phone.get("type") == null ? "voice"
                            : phone.get("type"), phone.get("description"), phone.get("id") == null ? List.of()
                            : phoneLanguages.getOrDefault(UUID.fromString(phone.get("id")), List.of())))
                    .toList();
            drafts.add(new ServiceDraft(id, row.get("name"), row.get("description"),
                    organizations.get(UUID.fromString(row.get("organization_id"))),
                    flag(row, "free_of_charge", faults), flag(row, "twenty_four_seven", faults),
                    serviceLanguages.getOrDefault(id, List.of()), termsOf.getOrDefault(id, List.of()), null,
                    places, phones, hoursOf.getOrDefault(id, List.of())));
            sources.add(row.source());
        }
        return new Read(drafts, sources);
    }

    private static LocationDraft location(UUID id, Row location, Row address, List<String> accessibility) {
        Row where = address != null ? address : new Row(location.source(), Map.of());
        return new LocationDraft(id, location.get("location_type"), where.get("address_1"), where.get("city"),
                where.get("state_province"), where.get("postal_code"), decimal(location, "latitude", null),
                decimal(location, "longitude", null), location.get("time_zone"), accessibility);
    }

    private static List<Row> table(Map<String, List<Row>> tables, String file) {
        return tables.getOrDefault(file, List.of());
    }

    private static UUID id(Row row, String column, List<Fault> faults) {
        String value = row.get(column);
        if (value == null) {
            faults.add(new Fault(row.source(), column, "is required"));
            return null;
        }
        if (!UUID_SHAPE.matcher(value).matches()) {
            faults.add(new Fault(row.source(), column, "must be a UUID such as 3f2a0c9e-0b1d-4c47-9b7e-2d1f0a6c8e51"));
            return null;
        }
        return UUID.fromString(value);
    }

    private static UUID reference(Row row, String column, Set<UUID> known, String file, List<Fault> faults) {
        UUID id = id(row, column, faults);
        if (id != null && !known.contains(id)) {
            faults.add(new Fault(row.source(), column, "is not the id of a row in " + file));
            return null;
        }
        return id;
    }

    private static Boolean flag(Row row, String column, List<Fault> faults) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                faults.add(new Fault(row.source(), column, "must be true, false or empty"));
                yield null;
            }
        };
    }

    /** @param faults null once the rows are known to be valid */
    private static Double decimal(Row row, String column, List<Fault> faults) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        if (faults != null) {
            faults.add(new Fault(row.source(), column, "must be a decimal number"));
        }
        return null;
    }

    private static String unescaped(String value) {
        return value.length() > 1 && value.charAt(0) == '\'' && FORMULA_START.indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    // ---------------------------------------------------------------------------------------------------- writing

    /**
     * Writes every service to the tables, one temporary file per table, then the tables into one ZIP. Blocking: call
     * it on boundedElastic.
     */
    static void write(Iterable<ServiceView> services, OutputStream out, Path workDirectory) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, CSVPrinter> printers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<String>> table : COLUMNS.entrySet()) {
                Path file = Files.createTempFile(workDirectory, "chorus-export-", ".csv");
                files.put(table.getKey(), file);
                Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, WRITE);
                printer.printRecord(table.getValue());
                printers.put(table.getKey(), printer);
            }
            Set<UUID> organizations = new HashSet<>();
            for (ServiceView service : services) {
                rows(service, organizations, printers);
            }
            for (CSVPrinter printer : printers.values()) {
                printer.close();
            }
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, Path> file : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(file.getKey()));
                    Files.copy(file.getValue(), zip);
                    zip.closeEntry();
                }
            }
        } finally {
            for (CSVPrinter printer : printers.values()) {
                printer.close();
            }
            for (Path file : files.values()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void rows(ServiceView service, Set<UUID> organizations, Map<String, CSVPrinter> printers)
            throws IOException {
        if (organizations.add(service.organization().id())) {
            print(printers.get(ORGANIZATIONS), service.organization().id(), service.organization().name(),
                    service.organization().description(), service.organization().website());
        }
        print(printers.get(SERVICES), service.id(), service.organization().id(), service.name(),
                service.description(), service.status(), service.closureReason(), service.closedUntil(),
                service.freeOfCharge(), service.twentyFourSeven(), service.lastVerified());
        for (LocationView place : service.locations()) {
            print(printers.get(LOCATIONS), place.id(), place.locationType(), place.latitude(), place.longitude(),
                    place.timeZone());
            print(printers.get(SERVICE_AT_LOCATIONS), UUID.randomUUID(), service.id(), place.id());
            if (!place.locationType().equals("virtual")) {
                print(printers.get(ADDRESSES), UUID.randomUUID(), place.id(), place.address1(), place.city(),
                        place.stateProvince(), place.postalCode(), "US", "physical");
            }
            for (String feature : place.accessibility()) {
                print(printers.get(ACCESSIBILITY), UUID.randomUUID(), place.id(), feature);
            }
        }
        for (PhoneView phone : service.phones()) {
            UUID phoneId = UUID.randomUUID();
            print(printers.get(PHONES), phoneId, service.id(), phone.number(), phone.type(), phone.description());
            for (String language : phone.languages() == null ? List.<String>of() : phone.languages()) {
                print(printers.get(LANGUAGES), UUID.randomUUID(), null, phoneId, language);
            }
        }
        for (String language : service.languages()) {
            print(printers.get(LANGUAGES), UUID.randomUUID(), service.id(), null, language);
        }
        for (ScheduleView hours : service.schedules()) {
            print(printers.get(SCHEDULES), UUID.randomUUID(), service.id(), "WEEKLY", hours.weekday(),
                    hours.opensAt(), hours.closesAt());
        }
        for (String term : service.taxonomyTerms()) {
            print(printers.get(ATTRIBUTES), UUID.randomUUID(), service.id(), "service", term);
        }
    }

    private static void print(CSVPrinter printer, Object... cells) throws IOException {
        printer.printRecord(Arrays.stream(cells).map(DirectoryCsv::cell).toList());
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
