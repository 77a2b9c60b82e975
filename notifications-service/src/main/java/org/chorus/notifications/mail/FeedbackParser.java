package org.chorus.notifications.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a delivery status notification (RFC 3464, and its UTF-8 form, RFC 6533) or an abuse report (ARF, RFC 5965)
 * into a {@link Feedback}. Anything else, or anything malformed, is no report at all: the mailbox is written to by
 * strangers, so every read is bounded (parts, blocks, bytes, references) and nothing here trusts what it reads.
 * <p>
 * A DSN counts only when a recipient's {@code Action} is {@code failed}: {@code 5.x.x} is a hard bounce (but
 * {@code 5.2.2}, mailbox full, is soft, as most senders treat it), {@code 4.x.x} or no valid status a soft one;
 * {@code delayed}, {@code delivered}, {@code relayed} and {@code expanded} are no bounce. An ARF report counts as a
 * complaint when its {@code Feedback-Type} is {@code abuse}, {@code fraud} or {@code other}.
 */
final class FeedbackParser {

    static final int MAX_PARTS = 10;
    static final int MAX_PART_BYTES = 64 * 1024;
    private static final int MAX_BLOCKS = 50;
    private static final int MAX_FIELDS = 100;
    private static final int MAX_ADDRESS = 320;
    private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern XTEXT = Pattern.compile("\\\\x\\{([0-9A-Fa-f]{1,6})\\}");
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "other");
    /** Headers of the report that carry a VERP return path (the address the report was sent to). */
    private static final List<String> RETURN_PATH_HEADERS = List.of("To", "Delivered-To", "X-Original-To",
            "Envelope-To");

    private FeedbackParser() {
    }

    static Optional<Feedback> parse(Message message) {
        try {
            if (!message.isMimeType("multipart/report") || !(message.getContent() instanceof Multipart report)) {
                return Optional.empty();
            }
            Set<MailReference> references = new LinkedHashSet<>();
            for (String header : RETURN_PATH_HEADERS) {
                String[] values = message.getHeader(header);
                if (values != null) {
                    for (String value : values) {
                        references.addAll(MailReference.findIn(bounded(value)));
                    }
                }
            }
            List<Map<String, List<String>>> status = null;
            Map<String, List<String>> original = null;
            int parts = Math.min(report.getCount(), MAX_PARTS);
            for (int i = 0; i < parts; i++) {
                BodyPart part = report.getBodyPart(i);
                if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")
                        || part.isMimeType("message/feedback-report")) {
                    status = status == null ? blocks(text(part)) : status;
                } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                        || part.isMimeType("message/global") || part.isMimeType("message/global-headers")) {
                    original = original == null ? headersOf(text(part)) : original;
                }
            }
            if (status == null || status.isEmpty()) {
                return Optional.empty();
            }
            if (original != null) {
                for (String id : original.getOrDefault("message-id", List.of())) {
                    references.addAll(MailReference.findIn(id));
                }
            }
            if (references.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<String>> first = status.get(0);
            if (first.containsKey("feedback-type")) {
                return complaint(first, references);
            }
            return bounce(status, references);
        } catch (Exception | StackOverflowError e) {
            // whatever a stranger's mail does to the parser, it is not a report we can act on
            return Optional.empty();
        }
    }

    private static Optional<Feedback> bounce(List<Map<String, List<String>>> blocks, Set<MailReference> references) {
        Feedback.Type type = null;
        String detail = null;
        Set<String> recipients = new LinkedHashSet<>();
        // the first block holds the per-message fields; every one after it is one recipient
        for (Map<String, List<String>> recipient : blocks.subList(1, blocks.size())) {
            if (!"failed".equalsIgnoreCase(value(recipient, "action"))) {
                continue;
            }
            Matcher status = STATUS.matcher(value(recipient, "status"));
            Feedback.Type kind = !status.matches() ? Feedback.Type.SOFT_BOUNCE
                    : status.group(1).equals("5") && !(status.group(2).equals("2") && status.group(3).equals("2"))
                            ? Feedback.Type.HARD_BOUNCE : Feedback.Type.SOFT_BOUNCE;
            if (type == null || kind == Feedback.Type.HARD_BOUNCE && type != Feedback.Type.HARD_BOUNCE) {
                type = kind;
                detail = status.matches() ? status.group() : "no status";
            }
            address(value(recipient, "final-recipient")).ifPresent(recipients::add);
            address(value(recipient, "original-recipient")).ifPresent(recipients::add);
        }
        return type == null ? Optional.empty() : Optional.of(new Feedback(type, references, recipients, detail));
    }

    private static Optional<Feedback> complaint(Map<String, List<String>> fields, Set<MailReference> references) {
        String type = value(fields, "feedback-type").toLowerCase(Locale.ROOT);
        if (!COMPLAINTS.contains(type)) {
            return Optional.empty();
        }
        Set<String> recipients = new LinkedHashSet<>();
        for (String rcpt : fields.getOrDefault("original-rcpt-to", List.of())) {
            address(rcpt).ifPresent(recipients::add);
        }
        return Optional.of(new Feedback(Feedback.Type.COMPLAINT, references, recipients, type));
    }

    /** {@code rfc822; a@b}, {@code utf-8; \x{FC}@b}, {@code <a@b>} or a bare address, lowercased; nothing else. */
    static Optional<String> address(String field) {
        if (field == null || field.isBlank()) {
            return Optional.empty();
        }
        String value = field;
        int semicolon = value.indexOf(';');
        if (semicolon >= 0 && semicolon < 20) {
            value = value.substring(semicolon + 1);
        }
        value = value.strip();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        Matcher escaped = XTEXT.matcher(value);
        StringBuilder decoded = new StringBuilder();
        while (escaped.find()) {
            int codePoint = Integer.parseInt(escaped.group(1), 16);
            escaped.appendReplacement(decoded, Character.isValidCodePoint(codePoint)
                    ? Matcher.quoteReplacement(new String(Character.toChars(codePoint))) : "");
        }
        escaped.appendTail(decoded);
        value = decoded.toString();
        int at = value.lastIndexOf('@');
        if (value.length() > MAX_ADDRESS || at < 1 || at == value.length() - 1 || value.chars().anyMatch(
                c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.empty();
        }
        return Optional.of(normalised(value));
    }

    static String normalised(String address) {
        return Normalizer.normalize(address.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static String value(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** The part's decoded content as text, at most {@link #MAX_PART_BYTES} of it. */
    private static String text(Part part) throws IOException, jakarta.mail.MessagingException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_PART_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String bounded(String value) {
        return value.length() > MAX_PART_BYTES ? value.substring(0, MAX_PART_BYTES) : value;
    }

    /** Header-style blocks separated by blank lines (RFC 3464 section 2.1), names lowercased, folded lines joined. */
    static List<Map<String, List<String>>> blocks(String text) {
        List<Map<String, List<String>>> blocks = new ArrayList<>();
        Map<String, List<String>> block = new LinkedHashMap<>();
        String name = null;
        int fields = 0;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    if (blocks.size() >= MAX_BLOCKS) {
                        return blocks;
                    }
                    block = new LinkedHashMap<>();
                }
                name = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                List<String> values = block.get(name);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1 || ++fields > MAX_FIELDS * MAX_BLOCKS) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            List<String> values = block.computeIfAbsent(name, k -> new ArrayList<>());
            if (values.size() < MAX_FIELDS) {
                values.add(line.substring(colon + 1).strip());
            } else {
                name = null;
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** The header section of an attached original message (or of text/rfc822-headers). */
    private static Map<String, List<String>> headersOf(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        List<Map<String, List<String>>> blocks = blocks(end < 0 ? text : text.substring(0, end));
        return blocks.isEmpty() ? Map.of() : blocks.get(0);
    }
}
