package org.chorus.resources.interchange;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.chorus.resources.interchange.DirectoryImport.Source;

/**
 * One CSV row: where it came from (header = row 1) and its cells by column name, empty cells left out. The readers of
 * typed cells add a fault naming the row and column instead of throwing, so one pass reports every bad cell. Read by
 * this package's own tabular form and by the HSDS one.
 */
public record Row(Source source, Map<String, String> cells) {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public String get(String column) {
        return cells.get(column);
    }

    /** A required UUID; null (and a fault) when it is missing or not a UUID. */
    public UUID id(String column, List<Fault> faults) {
        String value = get(column);
        if (value == null) {
            faults.add(fault(column, "is required"));
            return null;
        }
        if (!UUID_SHAPE.matcher(value).matches()) {
            faults.add(fault(column, "must be a UUID such as 3f2a0c9e-0b1d-4c47-9b7e-2d1f0a6c8e51"));
            return null;
        }
        return UUID.fromString(value);
    }

    /** A required UUID that must name a row of {@code file}. */
    public UUID reference(String column, Set<UUID> known, String file, List<Fault> faults) {
        UUID id = id(column, faults);
        if (id != null && !known.contains(id)) {
            faults.add(fault(column, "is not the id of a row in " + file));
            return null;
        }
        return id;
    }

    public Boolean flag(String column, List<Fault> faults) {
        String value = get(column);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                faults.add(fault(column, "must be true, false or empty"));
                yield null;
            }
        };
    }

    /** @param faults null once the rows are known to be valid */
    public Double decimal(String column, List<Fault> faults) {
        String value = get(column);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like infinity and NaN
        }
        if (faults != null) {
            faults.add(fault(column, "must be a decimal number"));
        }
        return null;
    }

    public Fault fault(String column, String message) {
        return new Fault(source, column, message);
    }
}
