package org.chorus.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingLoopTest {

    /** A round that says when it began, then works for half a second, counting whether it was interrupted. */
    private static final class SlowRound extends PollingLoop {

        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger finished = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();
        final AtomicInteger rounds = new AtomicInteger();

        private final Duration finish;

        SlowRound(Duration finish) {
            super("slow-round");
            this.finish = finish;
        }

        @Override
        protected Duration finishRoundOnStop() {
            return finish;
        }

        @Override
        protected Duration round() {
            rounds.incrementAndGet();
            started.countDown();
            try {
                Thread.sleep(500);
                finished.incrementAndGet();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return Duration.ZERO;
        }
    }

    @Test
    void stoppingALoopThatAsksForItLetsTheRoundInProgressFinishAndStartsNoOther() throws Exception {
        SlowRound loop = new SlowRound(Duration.ofSeconds(5));
        loop.start();
        assertThat(loop.started.await(5, TimeUnit.SECONDS)).isTrue();

        loop.stop();

        assertThat(loop.interrupted.get()).as("rounds interrupted").isZero();
        assertThat(loop.finished.get()).as("rounds finished").isEqualTo(loop.rounds.get()).isPositive();
        assertThat(loop.isRunning()).isFalse();
        int rounds = loop.rounds.get();
        Thread.sleep(700);
        assertThat(loop.rounds.get()).as("no round after the stop").isEqualTo(rounds);
    }

    @Test
    void stoppingAnyOtherLoopInterruptsItsRoundAtOnce() throws Exception {
        SlowRound loop = new SlowRound(Duration.ZERO);
        loop.start();
        assertThat(loop.started.await(5, TimeUnit.SECONDS)).isTrue();

        loop.stop();

        assertThat(loop.interrupted.get()).as("rounds interrupted").isEqualTo(1);
        assertThat(loop.finished.get()).as("rounds finished").isEqualTo(loop.rounds.get() - 1);
    }

    @Test
    void aLoopCanBeStartedAgainAfterAStop() throws Exception {
        SlowRound loop = new SlowRound(Duration.ofSeconds(5));
        loop.start();
        loop.stop();
        int rounds = loop.rounds.get();

        loop.start();
        Thread.sleep(700);
        loop.stop();

        assertThat(loop.rounds.get()).isGreaterThan(rounds);
    }
}
