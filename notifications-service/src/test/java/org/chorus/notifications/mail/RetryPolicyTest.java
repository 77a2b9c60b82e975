package org.chorus.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3));
    private final SmtpFailure busy = new SmtpFailure(false, "SMTP 451 busy");

    @Test
    void temporaryFailuresWaitTwiceAsLongEachTimeUpToTheLongestWait() {
        assertThat(policy.retryAfter(1, busy)).contains(Duration.ofSeconds(1));
        assertThat(policy.retryAfter(2, busy)).contains(Duration.ofSeconds(2));
        assertThat(policy.retryAfter(3, busy)).contains(Duration.ofSeconds(3));
    }

    @Test
    void theLastTryIsTheLast() {
        assertThat(policy.retryAfter(4, busy)).isEmpty();
    }

    @Test
    void aPermanentRefusalOrAnUnreadableAddressIsNeverRetried() {
        assertThat(policy.retryAfter(1, new SmtpFailure(true, "SMTP 550 unknown"))).isEmpty();
        assertThat(policy.retryAfter(1, SmtpFailure.unreadableAddress())).isEmpty();
    }
}
