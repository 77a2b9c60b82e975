package org.chorus.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Work that polls the database on a daemon thread of its own, started and stopped with the application: a round, then
 * a pause of the length the round asks for, then the next round. Every scheduled job of a service runs this way, its
 * pauses read from its typed properties.
 *
 * <p>Stopping interrupts a round in progress, which is safe for the database's own work: the round's transaction
 * rolls back and the work is done again after the restart, here or on another instance. It is not safe for what left
 * the process meanwhile: a mail the SMTP server accepted in a round that then rolled back is sent again by the next
 * instance, a second mail to the same person (a rolling restart once caused 7). A loop that sends mail therefore
 * asks, through {@link #finishRoundOnStop()}, that a stop (SIGTERM, a rolling restart) let its round finish first,
 * before the database pool closes; loops stop side by side, so their waits do not add up. Only kill -9 leaves the
 * window open.
 */
public abstract class PollingLoop implements SmartLifecycle {

    private final String threadName;
    private ScheduledExecutorService executor;

    protected PollingLoop(String threadName) {
        this.threadName = threadName;
    }

    /** One round; handles its own failures and returns how long to wait before the next (zero: more is waiting). */
    protected abstract Duration round();

    /** How long after the start the first round runs; at once unless a loop says otherwise. */
    protected Duration firstDelay() {
        return Duration.ZERO;
    }

    /**
     * How long a stop waits for a round in progress to end by itself before interrupting it; zero (the default)
     * interrupts at once. Keep it within Spring's {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s).
     */
    protected Duration finishRoundOnStop() {
        return Duration.ZERO;
    }

    /** Whether this instance runs the loop at all (configuration may turn it off). */
    protected boolean enabled() {
        return true;
    }

    private void loop() {
        Duration next = round();
        synchronized (this) {
            if (executor != null && !executor.isShutdown()) {
                executor.schedule(this::loop, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (executor == null && enabled()) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            executor.schedule(this::loop, firstDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        // no new round (the loop sees no executor and schedules no other); the one running may end on its own
        stopping.shutdown();
        try {
            Duration finish = finishRoundOnStop();
            if (finish.isZero() || !stopping.awaitTermination(finish.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops on a thread of its own, so that every loop of the application waits for its round at the same time. */
    @Override
    public void stop(Runnable callback) {
        Thread stopping = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, threadName + "-stop");
        stopping.setDaemon(true);
        stopping.start();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
