package org.chorus.stories.taxonomy;

import java.util.regex.Pattern;
import org.chorus.web.InvalidInput;

/**
 * How the author is named on their story: anonymously, or by a first name or pseudonym they chose. The name is
 * shown to the public, so it may not carry a way to reach or find the author (an email address, a handle, a web
 * address, a phone number); it may be in any script. While unpublished it is sealed like the text.
 */
public record AuthorName(NamedAs namedAs, String name) {

    /** Enough for a first name, a double-barrelled one or a short pseudonym; counted in code points, not UTF-16. */
    public static final int MAX_NAME = 40;
    public static final AuthorName ANONYMOUS = new AuthorName(NamedAs.ANONYMOUS, null);
    /** What the public reads in place of a name. */
    static final String ANONYMOUS_BYLINE = "Anonymous";

    private static final Pattern HANDLE_OR_EMAIL = Pattern.compile("@");
    private static final Pattern WEB_ADDRESS = Pattern.compile(
            "(?i)(?:https?:|www\\.|\\.(?:com|org|net|edu|gov|io|me|info|co|us|es|mx|app|xyz|ly|to|tv)\\b)");
    /** Five digits in a row start to look like a phone or house number; a year of birth in a pseudonym is fine. */
    private static final Pattern DIGITS = Pattern.compile("\\d(?:[\\s().-]*\\d){4,}");

    public AuthorName {
        if (namedAs == NamedAs.ANONYMOUS) {
            name = null;
        }
    }

    /**
     * What the author sent: {@code namedAs} absent means anonymous, unless a name came with it. Refuses, naming the
     * field, a name with anonymity, no name without it, and names that are too long, not a single line of text, or
     * that hold contact details.
     */
    public static AuthorName of(String namedAs, String name, String namedAsField, String nameField) {
        boolean hasName = name != null && !name.isBlank();
        NamedAs chosen = namedAs == null
                ? (hasName ? null : NamedAs.ANONYMOUS)
                : NamedAs.fromSlug(namedAs, namedAsField);
        if (chosen == null) {
            throw new InvalidInput(namedAsField, "is required with a name: first-name or pseudonym");
        }
        if (chosen == NamedAs.ANONYMOUS) {
            if (hasName) {
                throw new InvalidInput(nameField, "must be left out when you share anonymously");
            }
            return ANONYMOUS;
        }
        if (!hasName) {
            throw new InvalidInput(nameField, "is required when you choose to be named by a first name or pseudonym");
        }
        return new AuthorName(chosen, validName(name, nameField));
    }

    /** A name on its own (a moderator's redaction of the author's), held to the same rules. */
    public static String validName(String name, String field) {
        String stripped = name.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_NAME) {
            throw new InvalidInput(field, "must be at most " + MAX_NAME + " characters");
        }
        if (stripped.codePoints().anyMatch(AuthorName::invisibleOrControl)) {
            throw new InvalidInput(field, "must be a single line of visible characters");
        }
        if (HANDLE_OR_EMAIL.matcher(stripped).find() || WEB_ADDRESS.matcher(stripped).find()
                || DIGITS.matcher(stripped).find()) {
            throw new InvalidInput(field,
                    "must not hold an email address, handle, web address or phone number: it is shown to the public");
        }
        return stripped;
    }

    public boolean anonymous() {
        return namedAs == NamedAs.ANONYMOUS;
    }

    /** The name as the public reads it. */
    public String byline() {
        return anonymous() ? ANONYMOUS_BYLINE : name;
    }

    /**
     * Line breaks, control characters and invisible formatting (bidirectional overrides can make a name read as
     * something else). Zero-width joiner and non-joiner stay: emoji sequences and several scripts need them.
     */
    private static boolean invisibleOrControl(int codePoint) {
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return false;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }
}
