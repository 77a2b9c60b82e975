package org.chorus.resources.interchange;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of a tabular form (a ZIP of CSV files) and what a reader keeps of them: each file's columns in the order
 * an export writes them, the columns a file must have in its header, and how many rows one file may hold. Files and
 * columns outside the layout are passed over when reading.
 */
public record TableLayout(Map<String, List<String>> columns, Map<String, Set<String>> required, int maxRowsPerFile) {

    /** Rows per file beyond the services themselves: hours, phones and languages come several to a service. */
    public static final int MAX_ROWS_PER_FILE = DirectoryImport.MAX_ROWS * 50;

    public TableLayout {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        required = Map.copyOf(required);
    }

    Set<String> requiredOf(String file) {
        return required.getOrDefault(file, Set.of());
    }
}
