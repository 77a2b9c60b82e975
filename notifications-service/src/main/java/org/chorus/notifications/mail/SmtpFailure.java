package org.chorus.notifications.mail;

import jakarta.mail.MessagingException;
import java.util.regex.Pattern;
import org.springframework.mail.MailSendException;

/**
 * Why SMTP did not take a mail, and whether trying again can help: a 5xx reply is permanent (the address is gone,
 * the server refuses), a 4xx reply or no reply at all (connection refused, timeout) is temporary.
 *
 * @param reason the reply code and text with every address blanked out, short enough for the ledger
 */
public record SmtpFailure(boolean permanent, String reason) {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'()]+@[^\\s<>\"'()]+");
    private static final int MAX_REASON = 200;

    /** A sealed address that does not open (its key is gone, the bytes are damaged): retrying cannot help. */
    public static SmtpFailure unreadableAddress() {
        return new SmtpFailure(true, "address could not be read");
    }

    public static SmtpFailure of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            int code = replyCode(cause);
            if (code >= 400) {
                return new SmtpFailure(code >= 500, clean("SMTP " + code + " " + cause.getMessage()));
            }
        }
        Throwable root = error;
        while (next(root) != null) {
            root = next(root);
        }
        // no SMTP reply: the server could not be reached or dropped the connection; that passes
        return new SmtpFailure(false, clean("no SMTP reply: " + root.getClass().getSimpleName()));
    }

    /**
     * The SMTP reply code of the provider's SMTPAddressFailedException / SMTPSendFailedException, read through their
     * public {@code getReturnCode()} so this compiles against the Jakarta Mail API alone; -1 for anything else.
     */
    private static int replyCode(Throwable error) {
        if (!(error instanceof MessagingException)) {
            return -1;
        }
        try {
            Object code = error.getClass().getMethod("getReturnCode").invoke(error);
            return code instanceof Integer value ? value : -1;
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    private static Throwable next(Throwable error) {
        // Spring's sender reports each message's own failure in a map, not as the cause
        if (error instanceof MailSendException send && send.getCause() == null && !send.getFailedMessages().isEmpty()) {
            return send.getFailedMessages().values().iterator().next();
        }
        if (error instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != error) {
            return messaging.getNextException();
        }
        return error.getCause() == error ? null : error.getCause();
    }

    private static String clean(String text) {
        String blanked = ADDRESS.matcher(text == null ? "" : text.replaceAll("\\s+", " ").strip()).replaceAll("[address]");
        return blanked.length() > MAX_REASON ? blanked.substring(0, MAX_REASON) : blanked;
    }
}
