package org.chorus.notifications.mail;

import java.time.Duration;
import java.util.Optional;

/**
 * When a mail that did not go out is tried again: never after a permanent refusal (SMTP 5xx, or an address that
 * cannot be read), never after {@code maxAttempts} tries, otherwise after a wait that starts at {@code firstBackoff}
 * and doubles with every failed try up to {@code maxBackoff}. Every queue of this service follows it.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
    }

    /** The wait before the next try after {@code attempts} failed tries, or empty when the mail is given up. */
    public Optional<Duration> retryAfter(int attempts, SmtpFailure failure) {
        if (failure.permanent() || attempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(backoff(attempts));
    }

    Duration backoff(int attempts) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
