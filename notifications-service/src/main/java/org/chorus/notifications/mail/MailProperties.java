package org.chorus.notifications.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings for every mail this service sends, and the retry policy of the queued mail (author and subscription mail;
 * campaigns use the same policy with their own numbers, see {@code chorus.campaigns}).
 *
 * @param from          the sender of every mail
 * @param pollInterval  how often the queue looks for mail that is due
 * @param batch         rows one round takes from each queue
 * @param maxAttempts   tries before a mail is given up and marked failed (a permanent refusal ends it at once)
 * @param retryBackoff  wait after the first failed try; doubles with every further one
 * @param maxBackoff    the longest wait between two tries
 * @param returnPath    the envelope sender (SMTP MAIL FROM) of every mail: where receivers send bounces, so the
 *                      mailbox the bounce reader watches ({@code chorus.mail.bounces}); absent, the From address
 * @param verp          put each mail's reference in its return path ({@code local+chorus.….@domain}), so even a
 *                      bounce that quotes nothing of the original finds its mail; the mailbox must take
 *                      plus-addresses (Postfix {@code recipient_delimiter = +}, most hosted mail)
 */
@ConfigurationProperties("chorus.mail")
public record MailProperties(
        @DefaultValue("Chorus <no-reply@chorus.invalid>") String from,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("20") int batch,
        // 1 s, 2 s, 4 s … 34 min: about an hour in all, after which a sign-up can simply be sent again
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        String returnPath,
        @DefaultValue("false") boolean verp) {

    public MailProperties {
        if (batch < 1 || maxAttempts < 1) {
            throw new IllegalStateException("chorus.mail batch and max-attempts must be at least 1");
        }
        if (returnPath != null && !returnPath.isBlank() && !returnPath.strip().matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new IllegalStateException("chorus.mail.return-path must be a bare address such as bounces@example.org");
        }
    }

    /** The domain of the sender's address: Message-IDs are made under it, and DKIM's d= must align with it. */
    public String fromDomain() {
        try {
            String address = new InternetAddress(from, true).getAddress();
            return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        } catch (AddressException | RuntimeException e) {
            throw new IllegalStateException("chorus.mail.from is not a mail address");
        }
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retryBackoff, maxBackoff);
    }
}
