package org.chorus.notifications.mail;

import java.util.Set;

/**
 * What a bounce or complaint report says about mail we sent: what happened, which of our mails it names, and to whom
 * the receiving side says it was addressed. Read from untrusted mail: the references are claims that the feature owning
 * the mail checks ({@link FeedbackTarget}), and the recipients are what a bounce must name before it counts.
 *
 * @param type       a permanent failure, a temporary one the receiver gave up on, or a complaint
 * @param references our mails the report names (the original's Message-ID, a VERP return path), at most a few
 * @param recipients the addresses the report says the mail was for, lowercased; possibly none for a complaint
 *                   (providers often redact them); never logged
 * @param detail     the status code (e.g. {@code 5.1.1}) or feedback type (e.g. {@code abuse}): no address, no text
 */
public record Feedback(Type type, Set<MailReference> references, Set<String> recipients, String detail) {

    public enum Type {
        HARD_BOUNCE("hard-bounce"), SOFT_BOUNCE("soft-bounce"), COMPLAINT("complaint");

        private final String db;

        Type(String db) {
            this.db = db;
        }

        public String db() {
            return db;
        }
    }

    public Feedback {
        references = Set.copyOf(references);
        recipients = Set.copyOf(recipients);
    }

    /** Whether the report names {@code address} as a recipient (case-insensitively, as mail systems compare). */
    public boolean names(String address) {
        return address != null && recipients.contains(FeedbackParser.normalised(address));
    }

    public boolean isBounce() {
        return type != Type.COMPLAINT;
    }
}
