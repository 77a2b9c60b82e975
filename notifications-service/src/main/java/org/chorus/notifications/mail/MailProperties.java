package org.chorus.notifications.mail;

import java.time.Duration;
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
 */
@ConfigurationProperties("chorus.mail")
public record MailProperties(
        @DefaultValue("Chorus <no-reply@chorus.invalid>") String from,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("20") int batch,
        // 1 s, 2 s, 4 s … 34 min: about an hour in all, after which a sign-up can simply be sent again
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("1h") Duration maxBackoff) {

    public MailProperties {
        if (batch < 1 || maxAttempts < 1) {
            throw new IllegalStateException("chorus.mail batch and max-attempts must be at least 1");
        }
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retryBackoff, maxBackoff);
    }
}
