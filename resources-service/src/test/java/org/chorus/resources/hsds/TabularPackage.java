package org.chorus.resources.hsds;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open Referral's published HSDS 3.0 tabular data package (datapackage.json, see the fixtures' README) as a checker of
 * a ZIP of CSV files, doing what a Frictionless validator does with the parts HSDS uses: every resource present with
 * exactly its fields in their order, every cell of its field's type and format (uuid, email, uri, number, date, time
 * as HH:MM:SS, datetime), required, unique and enum constraints, primary keys and foreign keys.
 */
final class TabularPackage {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}");
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(false).get();

    private TabularPackage() {
    }

    /** The published package. */
    static JsonNode published() {
        return JsonMapper.builder().build().readTree(HsdsSchemas.published(HsdsSchemas.DATAPACKAGE));
    }

    /** The header and the rows of one CSV file, each row by column name. */
    static Table table(String csv) {
        try (CSVParser parser = CSV.parse(new StringReader(csv))) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                parser.getHeaderNames().forEach(column -> row.put(column, record.get(column)));
                rows.add(row);
            }
            return new Table(parser.getHeaderNames(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Table(List<String> header, List<Map<String, String>> rows) {

        /** The table as CSV text again, header first. */
        String csv() {
            StringBuilder text = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
                printer.printRecord(header);
                for (Map<String, String> row : rows) {
                    printer.printRecord(header.stream().map(row::get).toList());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString();
        }
    }

    /** Every way the files break the published package; empty when they conform. */
    static List<String> errors(Map<String, String> files) {
        List<String> errors = new ArrayList<>();
        Map<String, Table> tables = new HashMap<>();
        Map<String, String> pathOf = new HashMap<>();
        for (JsonNode resource : published().get("resources")) {
            String path = resource.get("path").asString();
            pathOf.put(resource.get("name").asString(), path);
            if (!files.containsKey(path)) {
                errors.add(path + ": missing");
                continue;
            }
            Table table = table(files.get(path));
            tables.put(path, table);
            List<String> fields = resource.get("schema").get("fields").valueStream()
                    .map(field -> field.get("name").asString()).toList();
            if (!table.header().equals(fields)) {
                errors.add(path + ": header " + table.header() + " is not " + fields);
                continue;
            }
            for (JsonNode field : resource.get("schema").get("fields")) {
                cells(path, field, table, errors);
            }
            if (resource.get("schema").has("primaryKey")) {
                String key = resource.get("schema").get("primaryKey").asString();
                unique(path, key, table, errors);
            }
        }
        for (JsonNode resource : published().get("resources")) {
            Table table = tables.get(resource.get("path").asString());
            for (JsonNode foreign : resource.get("schema").path("foreignKeys")) {
                String column = foreign.get("fields").asString();
                String target = pathOf.get(foreign.get("reference").get("resource").asString());
                String targetColumn = foreign.get("reference").get("fields").asString();
                if (table == null || !tables.containsKey(target)) {
                    continue;
                }
                Set<String> known = new HashSet<>();
                tables.get(target).rows().forEach(row -> known.add(row.get(targetColumn)));
                for (int i = 0; i < table.rows().size(); i++) {
                    String value = table.rows().get(i).get(column);
                    if (!value.isEmpty() && !known.contains(value)) {
                        errors.add(resource.get("path").asString() + "[" + (i + 2) + "]." + column + ": " + value
                                + " is not a " + targetColumn + " of " + target);
                    }
                }
            }
        }
        return errors;
    }

    private static void cells(String path, JsonNode field, Table table, List<String> errors) {
        String name = field.get("name").asString();
        JsonNode constraints = field.path("constraints");
        for (int i = 0; i < table.rows().size(); i++) {
            String value = table.rows().get(i).get(name);
            String at = path + "[" + (i + 2) + "]." + name + ": ";
            if (value.isEmpty()) {
                if (constraints.path("required").asBoolean(false)) {
                    errors.add(at + "is required");
                }
                continue;
            }
            String problem = typeProblem(field.get("type").asString(), field.path("format").asString(""), value);
            if (problem != null) {
                errors.add(at + problem + " (" + value + ")");
            }
            if (constraints.has("enum") && constraints.get("enum").valueStream()
                    .noneMatch(allowed -> allowed.asString().equals(value))) {
                errors.add(at + value + " is not one of " + constraints.get("enum"));
            }
        }
        if (constraints.path("unique").asBoolean(false)) {
            unique(path, name, table, errors);
        }
    }

    private static void unique(String path, String column, Table table, List<String> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.rows().size(); i++) {
            String value = table.rows().get(i).get(column);
            if (!value.isEmpty() && !seen.add(value)) {
                errors.add(path + "[" + (i + 2) + "]." + column + ": " + value + " is not unique");
            }
        }
    }

    private static String typeProblem(String type, String format, String value) {
        try {
            switch (type) {
                case "string" -> {
                    if (format.equals("uuid") && !UUID_SHAPE.matcher(value).matches()) {
                        return "is not a uuid";
                    }
                    if (format.equals("email") && !value.matches("[^@\\s]+@[^@\\s]+")) {
                        return "is not an email address";
                    }
                    if (format.equals("uri") && new URI(value).getScheme() == null) {
                        return "is not a uri";
                    }
                }
                case "number" -> {
                    if (!Double.isFinite(Double.parseDouble(value))) {
                        return "is not a number";
                    }
                }
                case "date" -> LocalDate.parse(value);
                case "time" -> {
                    if (!TIME.matcher(value).matches()) {
                        return "is not a time as HH:MM:SS";
                    }
                    LocalTime.parse(value);
                }
                case "datetime" -> OffsetDateTime.parse(value);
                default -> {
                    return "has type " + type + ", which this checker does not know";
                }
            }
            return null;
        } catch (NumberFormatException | DateTimeParseException | URISyntaxException e) {
            return "is not a " + type;
        }
    }
}
