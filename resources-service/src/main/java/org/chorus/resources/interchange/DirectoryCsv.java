package org.chorus.resources.interchange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;

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
 *
 * <p>This class holds the form itself (files, columns, escaping) and puts reading together: {@link ZipTables} and
 * {@link CsvRows} read the files within bounds, {@link TableJoin} joins them into services; {@link CsvExport} writes.
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

    static final int MAX_ROWS_PER_FILE = TableLayout.MAX_ROWS_PER_FILE;

    static final TableLayout LAYOUT = new TableLayout(COLUMNS, REQUIRED, MAX_ROWS_PER_FILE);

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

    /** The services of a ZIP, one per row of services.csv, with the rows they came from. */
    record Read(List<ServiceDraft> drafts, List<Source> sources) {
    }

    /**
     * Reads the tables of a ZIP file. Throws the import's rejection (400 with a per-row report) if a file is missing,
     * does not parse, or a row breaks a rule or points at a row that is not there.
     *
     * @param maxUnpacked the most bytes all entries may unpack to
     */
    static Read read(Path zip, long maxUnpacked) {
        List<Fault> faults = new ArrayList<>();
        Map<String, List<Row>> tables = ZipTables.read(zip, maxUnpacked, LAYOUT, faults);
        for (String required : List.of(ORGANIZATIONS, SERVICES)) {
            if (!tables.containsKey(required)) {
                faults.add(new Fault(new Source(required, 1), "", "is missing from the ZIP file"));
            }
        }
        if (!faults.isEmpty()) {
            throw DirectoryImport.rejected(faults);
        }
        Read read = TableJoin.join(tables, faults);
        if (!faults.isEmpty()) {
            throw DirectoryImport.rejected(faults);
        }
        return read;
    }

    /**
     * A cell as an export writes it: empty for null, and a formula-looking text behind an apostrophe. Only text is
     * escaped: a number, id or date is written as it is (a negative longitude stays a number).
     */
    static String escaped(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return value instanceof CharSequence && !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0
                ? "'" + text : text;
    }

    /** Undoes {@link #escaped}: only an apostrophe before a formula start is the export's own. */
    static String unescaped(String value) {
        return value.length() > 1 && value.charAt(0) == '\'' && FORMULA_START.indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }
}
