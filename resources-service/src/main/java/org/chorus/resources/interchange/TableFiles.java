package org.chorus.resources.interchange;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a tabular form: one temporary CSV file per table (RFC 4180, UTF-8, a header row), filled as rows arrive, then
 * every table into one ZIP, so a large directory is never held in memory. Text cells go through
 * {@link DirectoryCsv#escaped} (a spreadsheet cannot run them); numbers, ids and dates are written as they are, a
 * negative longitude being no formula. Closing deletes the temporary files whatever happened.
 */
public final class TableFiles implements Closeable {

    private final Map<String, List<String>> columns;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Map<String, CSVPrinter> printers = new LinkedHashMap<>();

    private TableFiles(Map<String, List<String>> columns) {
        this.columns = columns;
    }

    /** Blocking: call it on boundedElastic. One table per key of {@code columns}, in its order. */
    public static TableFiles create(Map<String, List<String>> columns, Path workDirectory) throws IOException {
        TableFiles tables = new TableFiles(columns);
        try {
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                Path file = Files.createTempFile(workDirectory, "chorus-export-", ".csv");
                tables.files.put(table.getKey(), file);
                CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180);
                tables.printers.put(table.getKey(), printer);
                printer.printRecord(table.getValue());
            }
        } catch (IOException | RuntimeException e) {
            tables.close();
            throw e;
        }
        return tables;
    }

    /** A row with a cell for every column, in the table's order. */
    public void row(String table, Object... cells) throws IOException {
        printers.get(table).printRecord(Arrays.stream(cells).map(DirectoryCsv::escaped).toList());
    }

    /** A row by column name; columns left out are empty. */
    public void row(String table, Map<String, ?> cells) throws IOException {
        List<String> names = columns.get(table);
        if (!names.containsAll(cells.keySet())) {
            throw new IllegalArgumentException(table + " has no column among " + cells.keySet());
        }
        row(table, names.stream().map(cells::get).toArray());
    }

    /** Every table, then the {@code extra} entries (a datapackage.json), as one ZIP written to {@code out}. */
    public void zip(OutputStream out, Map<String, byte[]> extra) throws IOException {
        for (CSVPrinter printer : printers.values()) {
            printer.close();
        }
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                Files.copy(file.getValue(), zip);
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (CSVPrinter printer : printers.values()) {
            printer.close();
        }
        for (Path file : files.values()) {
            Files.deleteIfExists(file);
        }
    }
}
