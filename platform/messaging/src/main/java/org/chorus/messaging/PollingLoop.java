package org.chorus.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Work that polls the database on a daemon thread of its own, started and stopped with the application: a round, then
 * a pause of the length the round asks for, then the next round. Stopping interrupts a round in progress, which is
 * safe because a round's transaction rolls back and the work is picked up again after the restart (here or on
 * another instance). Every scheduled job of a service runs this way, its pauses read from its typed properties.
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
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
