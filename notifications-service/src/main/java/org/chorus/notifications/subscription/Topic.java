package org.chorus.notifications.subscription;

import java.util.List;
import org.chorus.web.InvalidInput;

/** The topics a person can subscribe to, and the rules the sign-up form and the preference centre share. */
final class Topic {

    static final String ANNIVERSARY = "anniversary";
    static final String HELP_NEAR_ME = "help-near-me";
    static final String NAMES = ANNIVERSARY + "|" + HELP_NEAR_ME;
    static final String MESSAGE = "must be one of: " + ANNIVERSARY + ", " + HELP_NEAR_ME;

    /**
     * The WHATWG rule for {@code <input type=email>} (what the form's own browser check accepts), with a dot required
     * in the domain. ASCII only: an internationalised address would need SMTPUTF8 all the way to the mailbox, and
     * the same ASCII-only rule keeps look-alike and invisible characters out of what we store.
     */
    static final String EMAIL = "\\s*[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+\\s*";

    private static final java.util.regex.Pattern ZIP = java.util.regex.Pattern.compile("[0-9]{5}");

    private Topic() {
    }

    static Settings settings(String language, List<String> topics, String zip) {
        List<String> distinct = topics.stream().distinct().toList();
        String givenZip = zip == null || zip.isBlank() ? null : zip.strip();
        if (givenZip != null && (givenZip.length() != 5 || !ZIP.matcher(givenZip).matches())) {
            throw new InvalidInput("zip", "must be a 5-digit ZIP code");
        }
        if (distinct.contains(HELP_NEAR_ME) && givenZip == null) {
            throw new InvalidInput("zip", "is required for " + HELP_NEAR_ME);
        }
        if (!distinct.contains(HELP_NEAR_ME) && givenZip != null) {
            // we keep a place only for the topic that needs it
            throw new InvalidInput("zip", "is only kept with the " + HELP_NEAR_ME + " topic");
        }
        return new Settings(language, distinct, givenZip);
    }
}
