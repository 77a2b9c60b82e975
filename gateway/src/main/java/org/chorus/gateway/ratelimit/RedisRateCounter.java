package org.chorus.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.chorus.gateway.edge.KeyedHash;
import org.chorus.gateway.redis.OutageLog;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/**
 * Fixed-window counters in Redis, shared by every gateway of a deployment. The client address never reaches
 * Redis: the key holds an HMAC of it under a secret all gateways share from configuration (never stored in Redis,
 * so a copy of Redis alone cannot be turned back into addresses), and each counter expires with its window.
 *
 * When Redis does not answer, each gateway counts in its own memory until it does: a client then gets at most the
 * limit at each gateway (a few times the limit) instead of either extreme, which are refusing survivors because a
 * cache is down, or no limit at all during the very outage a flood could cause.
 */
final class RedisRateCounter implements RateCounter {

    /** Count and set the window's expiry in one step, so no counter can outlive its window. */
    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return count""", Long.class);

    /** Take one back only from a counter that still exists: never leave a key without its expiry. */
    private static final RedisScript<Long> UNCOUNT = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
            return 0""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final String keyPrefix;
    private final Clock clock;
    private final long windowMillis;
    private final KeyedHash secret;
    private final ClientRateLimiter fallback;
    private final OutageLog outage;

    RedisRateCounter(ReactiveStringRedisTemplate redis, String keyPrefix, Clock clock, long windowMillis, String secret,
                     MeterRegistry meters) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.windowMillis = windowMillis;
        this.secret = new KeyedHash(secret.getBytes(StandardCharsets.UTF_8));
        this.fallback = new ClientRateLimiter(clock, windowMillis);
        this.outage = OutageLog.of(RedisRateCounter.class, "rate-limit", "rate limits counted in this gateway only",
                meters);
    }

    @Override
    public Mono<Long> acquire(String clientAddress, String kind, int limit) {
        return acquire(clientAddress, kind, limit, windowMillis);
    }

    @Override
    public Mono<Long> acquire(String clientAddress, String kind, int limit, Duration window) {
        return acquire(clientAddress, kind, limit, window.toMillis());
    }

    @Override
    public Mono<Void> release(String clientAddress, String kind, Duration window) {
        String key = key(clientAddress, kind, clock.millis() / window.toMillis());
        return redis.execute(UNCOUNT, List.of(key), List.of()).then()
                .onErrorResume(e -> {
                    outage.failed(e);
                    fallback.release(clientAddress, kind, window.toMillis());
                    return Mono.empty();
                });
    }

    private Mono<Long> acquire(String clientAddress, String kind, int limit, long windowMillis) {
        long now = clock.millis();
        long windowId = now / windowMillis;
        String key = key(clientAddress, kind, windowId);
        return redis.execute(COUNT, List.of(key), List.of(Long.toString(windowMillis))).next()
                .map(count -> {
                    if (count <= limit) {
                        return 0L;
                    }
                    long remaining = (windowId + 1) * windowMillis - now;
                    return Math.max(1, (remaining + 999) / 1000);
                })
                .onErrorResume(e -> {
                    outage.failed(e);
                    return Mono.just(fallback.acquire(clientAddress, kind, limit, windowMillis));
                });
    }

    /** Forgets the fallback's counters of an earlier window, so no trace of an address lingers. */
    @Scheduled(fixedDelayString = "${chorus.rate-limit.window:1m}")
    void evictExpired() {
        fallback.evictExpired();
    }

    private String key(String clientAddress, String kind, long windowId) {
        return keyPrefix + "rate:" + kind + ":" + windowId + ":" + hash(clientAddress);
    }

    private String hash(String clientAddress) {
        return secret.shortHex(clientAddress);
    }
}
