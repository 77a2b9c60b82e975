package org.chorus.resources.hsds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chorus.resources.interchange.TableLayout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HSDS 3.0 tabular form as Open Referral publishes it: a Frictionless tabular data package, one CSV file per HSDS
 * table with a header row, described by {@code datapackage.json}. That file is shipped here as published (branch 3.0,
 * commit 279fd2eb, {@code /datapackage.json}; HsdsTablesTest holds it to its SHA-256) and is the one source of the
 * files, their columns and their order, so an export writes every table and every column HSDS declares, and puts the
 * same datapackage.json beside them.
 */
final class HsdsTables {

    static final String DATAPACKAGE = "datapackage.json";

    static final String ORGANIZATIONS = "organizations.csv";
    static final String SERVICES = "services.csv";
    static final String LOCATIONS = "locations.csv";
    static final String ADDRESSES = "addresses.csv";
    static final String ACCESSIBILITY = "accessibility.csv";
    static final String SERVICE_AT_LOCATION = "service_at_location.csv";
    static final String PHONES = "phones.csv";
    static final String SCHEDULES = "schedules.csv";
    static final String LANGUAGES = "languages.csv";
    static final String ATTRIBUTES = "attributes.csv";
    static final String TAXONOMIES = "taxonomies.csv";
    static final String TAXONOMY_TERMS = "taxonomy_terms.csv";

    /** The published package, byte for byte. */
    static final byte[] PACKAGE = published();

    /** Every file of the package and its columns, in the package's order. */
    static final Map<String, List<String>> COLUMNS;

    /** The columns HSDS marks required, by file: an imported file's header must name them. */
    static final Map<String, Set<String>> REQUIRED;

    /** The files an import reads; the others (contacts, funding, programs, ...) hold nothing the directory keeps. */
    static final TableLayout READ;

    static {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Set<String>> required = new LinkedHashMap<>();
        for (JsonNode resource : JsonMapper.builder().build().readTree(PACKAGE).get("resources")) {
            String path = resource.get("path").asString();
            List<JsonNode> fields = resource.get("schema").get("fields").valueStream().toList();
            columns.put(path, fields.stream().map(field -> field.get("name").asString()).toList());
            Set<String> mandatory = new HashSet<>();
            fields.stream().filter(field -> field.path("constraints").path("required").asBoolean(false))
                    .forEach(field -> mandatory.add(field.get("name").asString()));
            required.put(path, Set.copyOf(mandatory));
        }
        COLUMNS = java.util.Collections.unmodifiableMap(columns);
        REQUIRED = Map.copyOf(required);
        Map<String, List<String>> read = new LinkedHashMap<>();
        for (String file : List.of(ORGANIZATIONS, SERVICES, LOCATIONS, ADDRESSES, ACCESSIBILITY, SERVICE_AT_LOCATION,
                PHONES, SCHEDULES, LANGUAGES, ATTRIBUTES, TAXONOMY_TERMS)) {
            read.put(file, COLUMNS.get(file));
        }
        READ = new TableLayout(read, REQUIRED, TableLayout.MAX_ROWS_PER_FILE);
    }

    private HsdsTables() {
    }

    private static byte[] published() {
        try (InputStream in = HsdsTables.class.getResourceAsStream(DATAPACKAGE)) {
            if (in == null) {
                throw new IllegalStateException("datapackage.json is missing beside " + HsdsTables.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
