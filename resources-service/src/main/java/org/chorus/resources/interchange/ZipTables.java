package org.chorus.resources.interchange;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;
import org.chorus.web.InvalidInput;

/**
 * Opens the ZIP of an import and reads each file of a {@link TableLayout} into rows ({@link CsvRows}), within one
 * budget of unpacked bytes for all entries together, whatever the entries claim their sizes are: a small archive
 * cannot expand into a memory- or time-filling one. At most {@value #MAX_ENTRIES} entries, and no entry name that
 * climbs out of the archive ({@code ..}, an absolute path, a backslash, a drive): nothing is ever unpacked to disk,
 * but such an archive was not made by an export and is refused rather than half read. Files in folders count by their
 * name; other files are skipped.
 */
public final class ZipTables {

    /** The HSDS package has 21 tables and a datapackage.json; a few more entries (folders, a README) are fine. */
    static final int MAX_ENTRIES = 100;

    private ZipTables() {
    }

    /**
     * @param maxUnpacked the most bytes all entries may unpack to; beyond it the import is refused at once
     * @return the rows of each known file found; faults (a file twice, a file that does not parse) go to
     *         {@code faults}
     */
    public static Map<String, List<Row>> read(Path zip, long maxUnpacked, TableLayout layout, List<Fault> faults) {
        Map<String, List<Row>> tables = new HashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (file.size() > MAX_ENTRIES) {
                throw new InvalidInput("file", "holds more than " + MAX_ENTRIES + " files");
            }
            long budget = maxUnpacked;
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (climbsOut(entry.getName())) {
                    throw new InvalidInput("file", "names a file outside the archive (.., /, \\ or a drive)");
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (entry.isDirectory() || !layout.columns().containsKey(name)) {
                    continue; // other HSDS tables (contacts.csv, ...) and anything else are not ours to read
                }
                if (tables.containsKey(name)) {
                    faults.add(new Fault(new Source(name, 1), "", "appears twice in the ZIP file"));
                    continue;
                }
                try (Capped in = new Capped(file.getInputStream(entry), budget)) {
                    tables.put(name, CsvRows.read(name, layout.columns().get(name), layout.requiredOf(name),
                            layout.maxRowsPerFile(), in, faults));
                    budget -= in.read;
                }
            }
        } catch (ZipException e) {
            throw new InvalidInput("file", "is not a ZIP file of HSDS CSV files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    static boolean climbsOut(String name) {
        return name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
                || java.util.Arrays.asList(name.split("/")).contains("..");
    }

    /** Refuses to unpack more than its budget. */
    static final class Capped extends FilterInputStream {

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
}
