package org.chorus.gateway.redis;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One warning a minute while Redis does not answer, however many requests fall back meanwhile: an outage during a
 * surge must not become a million identical log lines.
 */
public final class OutageLog {

    private static final long QUIET_NANOS = 60_000_000_000L;

    private final Logger log;
    private final String fallback;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicLong since = new AtomicLong();

    /** @param fallback what is done instead, for the log line ("rate limits counted in this gateway only") */
    public OutageLog(Logger log, String fallback) {
        this.log = log;
        this.fallback = fallback;
    }

    public void failed(Throwable error) {
        since.incrementAndGet();
        long last = lastWarned.get();
        long now = System.nanoTime();
        if (now - last >= QUIET_NANOS && lastWarned.compareAndSet(last, now)) {
            log.warn("Redis did not answer ({}): {}; {} times since the last warning", error.getClass().getName(),
                    fallback, since.getAndSet(0));
        }
    }
}
