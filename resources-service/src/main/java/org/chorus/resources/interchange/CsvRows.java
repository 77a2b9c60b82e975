package org.chorus.resources.interchange;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;

/**
 * Reads one CSV file of the tabular form within bounds: UTF-8 only (a byte-order mark is skipped), lines of at most
 * {@value #MAX_LINE} characters, at most {@code maxRows} rows, the required columns present, every row as wide as the
 * header. Only the columns this directory knows are kept, so memory follows the known columns, not the file. Faults
 * are added to the caller's list, naming the file and row; nothing here throws for a bad file.
 */
final class CsvRows {

    /** No cell this directory keeps is longer than ServiceDraft.MAX_TEXT characters; a line may be much longer. */
    static final int MAX_LINE = 65_536;

    private static final CSVFormat READ = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();

    private final String file;
    private final Set<String> known;
    private final Set<String> required;
    private final int maxRows;
    private final List<Fault> faults;
    private final List<Row> rows = new ArrayList<>();
    private int row = 1;

    private CsvRows(String file, List<String> known, Set<String> required, int maxRows, List<Fault> faults) {
        this.file = file;
        this.known = new HashSet<>(known);
        this.required = required;
        this.maxRows = maxRows;
        this.faults = faults;
    }

    /** The rows of one file of {@link DirectoryCsv#COLUMNS}, read with that file's columns and the row cap. */
    static List<Row> read(String file, InputStream in, List<Fault> faults) {
        return read(file, DirectoryCsv.COLUMNS.get(file), DirectoryCsv.REQUIRED.get(file),
                DirectoryCsv.MAX_ROWS_PER_FILE, in, faults);
    }

    static List<Row> read(String file, List<String> known, Set<String> required, int maxRows, InputStream in,
                          List<Fault> faults) {
        return new CsvRows(file, known, required, maxRows, faults).read(in);
    }

    private List<Row> read(InputStream in) {
        try (CSVParser parser = READ.parse(new LineLimited(withoutByteOrderMark(new BufferedReader(
                new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))))))) {
            List<String> header = parser.getHeaderNames();
            if (hasRequiredColumns(header)) {
                records(parser, header);
            }
        } catch (LineLimited.TooLong e) {
            faults.add(new Fault(new Source(file, row + 1), "", "has a line longer than " + MAX_LINE + " characters"));
        } catch (IllegalArgumentException e) {
            // commons-csv refuses a header with a repeated or empty column name
            faults.add(new Fault(new Source(file, 1), "", "the header names a column twice or leaves one unnamed"));
        } catch (UncheckedIOException e) {
            faults.add(notCsv(e.getCause()));
        } catch (IOException | IllegalStateException e) {
            faults.add(notCsv(e));
        }
        return rows;
    }

    private boolean hasRequiredColumns(List<String> header) {
        Set<String> missing = new HashSet<>(required);
        header.forEach(missing::remove);
        missing.stream().sorted().forEach(column ->
                faults.add(new Fault(new Source(file, 1), column, "is a required column")));
        return missing.isEmpty();
    }

    private void records(CSVParser parser, List<String> header) {
        for (CSVRecord record : parser) {
            row++;
            Source source = new Source(file, row);
            if (rows.size() >= maxRows) {
                faults.add(new Fault(source, "", "a file may hold at most " + maxRows + " rows"));
                return;
            }
            if (record.size() != header.size()) {
                faults.add(new Fault(source, "", "has " + record.size() + " cells; the header has " + header.size()));
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String value = record.get(i);
                if (!value.isEmpty() && known.contains(header.get(i))) {
                    cells.put(header.get(i), DirectoryCsv.unescaped(value));
                }
            }
            rows.add(new Row(source, cells));
        }
    }

    /** The parser's own message quotes the file; the row number is enough to find the fault. */
    private Fault notCsv(Throwable cause) {
        return new Fault(new Source(file, row + 1), "", cause instanceof CharacterCodingException
                ? "is not UTF-8 text"
                : "is not valid CSV (a quoted cell is not closed, or text follows its closing quote)");
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Stops a line (a cell, a header) from growing without end: the parser would hold all of it in memory. */
    private static final class LineLimited extends FilterReader {

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
}
