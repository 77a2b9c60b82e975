package org.chorus.resources.directory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.chorus.resources.taxonomy.TaxonomyTerm;
import org.chorus.web.InvalidInput;

/** Query parameters arrive as text and are read here, so a bad one is answered naming it, as a body field is. */
public final class Params {

    private Params() {
    }

    public static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new InvalidInput(name, "must be a whole number from " + min + " to " + max);
    }

    public static Double decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "must be a number");
        }
    }

    public static Boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInput(name, "must be true or false");
        };
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "must be a date-time with offset, such as 2027-10-15T09:00:00Z");
        }
    }

    public static String term(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!TaxonomyTerm.isKnown(value)) {
            throw new InvalidInput("taxonomy_term", "is not one of " + TaxonomyTerm.codes());
        }
        return value;
    }

    public static String text(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInput(name, "must be at most " + max + " characters");
        }
        return value;
    }
}
