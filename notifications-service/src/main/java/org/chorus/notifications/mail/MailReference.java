package org.chorus.notifications.mail;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of our mails a bounce or complaint is about. A feature that wants to hear about its mail's bounces gives it a
 * Message-ID made from one of these ({@link #messageId}); a delivery status notification (RFC 3464) or abuse report
 * (RFC 5965) quotes the original Message-ID, and a VERP return path ({@link #verp}) carries the same text, so
 * {@link #findIn} gets the reference back. It holds ids only, never an address; a reference alone proves nothing (anyone
 * can write one), so whoever acts on it checks that the mail exists and, for a bounce, that it went to the address the
 * report names.
 *
 * @param kind   which feature's mail: {@code c} a campaign delivery, {@code s} subscription mail, {@code a} author mail
 * @param first  the mail's id (for a campaign, the campaign's)
 * @param second the subscriber, for a campaign delivery; null otherwise
 */
public record MailReference(char kind, UUID first, UUID second) {

    private static final Pattern TEXT = Pattern.compile(
            "chorus\\.([a-z])\\.([0-9a-f]{32})(?:\\.([0-9a-f]{32}))?(?![0-9a-z])", Pattern.CASE_INSENSITIVE);
    /** More than this many references in one report is not a report of one mail. */
    private static final int MAX_FOUND = 8;

    public MailReference {
        if (kind < 'a' || kind > 'z' || first == null) {
            throw new IllegalArgumentException("a mail reference needs a kind letter and an id");
        }
    }

    public static MailReference of(char kind, UUID id) {
        return new MailReference(kind, id, null);
    }

    public static MailReference of(char kind, UUID first, UUID second) {
        return new MailReference(kind, first, second);
    }

    /** The text that stands for this mail, e.g. {@code chorus.s.0f1e…}: the local part of its Message-ID. */
    public String token() {
        return "chorus." + kind + "." + hex(first) + (second == null ? "" : "." + hex(second));
    }

    /** {@code <token@domain>}, globally unique because the ids are. */
    public String messageId(String domain) {
        return "<" + token() + "@" + domain + ">";
    }

    /** {@code local+token@domain} for a return path {@code local@domain}: the bounce comes back to this address. */
    String verp(String returnPath) {
        int at = returnPath.lastIndexOf('@');
        return returnPath.substring(0, at) + "+" + token() + returnPath.substring(at);
    }

    /** Every reference in the text (a Message-ID, a header of the original, a VERP address), at most a few. */
    public static Set<MailReference> findIn(CharSequence text) {
        Set<MailReference> found = new LinkedHashSet<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = TEXT.matcher(text);
        while (matcher.find() && found.size() < MAX_FOUND) {
            found.add(new MailReference(Character.toLowerCase(matcher.group(1).charAt(0)), uuid(matcher.group(2)),
                    matcher.group(3) == null ? null : uuid(matcher.group(3))));
        }
        return found;
    }

    static Optional<MailReference> inMessageId(String messageId) {
        return findIn(messageId).stream().findFirst();
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    private static UUID uuid(String hex) {
        String h = hex.toLowerCase(Locale.ROOT);
        return UUID.fromString(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20));
    }
}
