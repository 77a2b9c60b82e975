package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2027-10-15T13:00:00Z"));
    private final ClientRateLimiter limiter = new ClientRateLimiter(clock, 60_000);

    @Test
    void requestsWithinTheLimitPassAndTheNextOneIsToldWhenToComeBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("203.0.113.7", "write", 3)).isZero();
        }
        clock.advance(15_000);

        assertThat(limiter.acquire("203.0.113.7", "write", 3)).isEqualTo(45);
    }

    @Test
    void eachClientAndEachKindCountsSeparately() {
        assertThat(limiter.acquire("203.0.113.7", "write", 1)).isZero();

        assertThat(limiter.acquire("198.51.100.4", "write", 1)).isZero();
        assertThat(limiter.acquire("203.0.113.7", "read", 1)).isZero();
        assertThat(limiter.acquire("203.0.113.7", "write", 1)).isPositive();
    }

    @Test
    void aNewWindowStartsAFreshCount() {
        limiter.acquire("203.0.113.7", "write", 1);
        assertThat(limiter.acquire("203.0.113.7", "write", 1)).isPositive();

        clock.advance(60_000);

        assertThat(limiter.acquire("203.0.113.7", "write", 1)).isZero();
    }

    @Test
    void aCountWithAWindowOfItsOwnOutlivesTheConfiguredWindowAndIsForgottenAfterIt() {
        long hour = 3_600_000;
        assertThat(limiter.acquire("203.0.113.7", "report:s1", 1, hour)).isZero();
        clock.advance(120_000);
        limiter.evictExpired();

        assertThat(limiter.acquire("203.0.113.7", "report:s1", 1, hour)).isPositive();

        clock.advance(hour);
        limiter.evictExpired();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void aReleasedRequestNoLongerCounts() {
        assertThat(limiter.acquire("203.0.113.7", "report:s1", 1, 3_600_000)).isZero();

        limiter.release("203.0.113.7", "report:s1", 3_600_000);

        assertThat(limiter.acquire("203.0.113.7", "report:s1", 1, 3_600_000)).isZero();
        assertThat(limiter.acquire("203.0.113.7", "report:s1", 1, 3_600_000)).isPositive();
    }

    @Test
    void expiredCountersAreForgottenSoNoAddressLingers() {
        limiter.acquire("203.0.113.7", "write", 5);
        limiter.acquire("198.51.100.4", "read", 5);
        clock.advance(61_000);

        limiter.evictExpired();

        assertThat(limiter.size()).isZero();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
