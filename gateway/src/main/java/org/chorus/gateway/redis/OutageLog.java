package org.chorus.gateway.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning a minute while Redis does not answer, however many requests fall back meanwhile: an outage during a
 * surge must not become a million identical log lines. Each fallback is counted, though
 * ({@code chorus_gateway_redis_fallbacks_total} by {@code use}), so a dashboard shows how long and how hard the
 * gateways worked without Redis.
 */
public final class OutageLog {

    private static final long QUIET_NANOS = 60_000_000_000L;

    private final Logger log;
    private final String fallback;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicLong since = new AtomicLong();
    private final Counter fallbacks;

    private OutageLog(Logger log, String fallback, Counter fallbacks) {
        this.log = log;
        this.fallback = fallback;
        this.fallbacks = fallbacks;
    }

    /**
     * @param use      what Redis was asked for, the counter's label ("rate-limit")
     * @param fallback what is done instead, for the log line ("rate limits counted in this gateway only")
     */
    public static OutageLog of(Class<?> owner, String use, String fallback, MeterRegistry meters) {
        return new OutageLog(LoggerFactory.getLogger(owner), fallback, Counter.builder("chorus.gateway.redis.fallbacks")
                .description("Requests a gateway served from its own memory because Redis did not answer")
                .tag("use", use).register(meters));
    }

    public void failed(Throwable error) {
        fallbacks.increment();
        since.incrementAndGet();
        long last = lastWarned.get();
        long now = System.nanoTime();
        if (now - last >= QUIET_NANOS && lastWarned.compareAndSet(last, now)) {
            log.warn("Redis did not answer ({}): {}; {} times since the last warning", error.getClass().getName(),
                    fallback, since.getAndSet(0));
        }
    }
}
