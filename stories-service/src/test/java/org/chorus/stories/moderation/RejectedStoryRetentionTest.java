package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.chorus.messaging.PollingLoop;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The retention loop's pacing, read from the typed properties only. */
class RejectedStoryRetentionTest {

    private static final RetentionProperties EVERY_TEN_MINUTES = new RetentionProperties(Duration.ofDays(30), Duration.ofMinutes(10));

    @Test
    void runsOnThePlatformsPollingLoopFirstAfterOnePause() {
        assertThat(retention(Mono.just(0L))).isInstanceOf(PollingLoop.class);
        assertThat(retention(Mono.just(0L)).firstDelay()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aFullBatchIsFollowedAtOnceAndAPartialOneAfterThePause() {
        assertThat(retention(Mono.just((long) RejectedStoryRetention.BATCH)).round()).isZero();
        assertThat(retention(Mono.just(3L)).round()).isEqualTo(Duration.ofMinutes(10));
        assertThat(retention(Mono.empty()).round()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aFailedRoundIsRetriedAfterThePauseWithoutStoppingTheLoop() {
        assertThat(retention(Mono.error(new IllegalStateException("outbox refused"))).round()).isEqualTo(Duration.ofMinutes(10));
    }

    private static RejectedStoryRetention retention(Mono<Long> purged) {
        return new RejectedStoryRetention(null, null, null, EVERY_TEN_MINUTES, Clock.systemUTC()) {
            @Override
            Mono<Long> purge() {
                return purged;
            }
        };
    }
}
