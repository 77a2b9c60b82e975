package org.chorus.gateway.proof;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.chorus.gateway.redis.OutageLog;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Each solution is good for one write: a program that solved one challenge must not send a thousand stories with it.
 * A solution is remembered until its challenge expires, in memory on a single gateway, in Redis when several share
 * the work (a solution sent to two gateways at once is still spent once).
 */
interface SpentChallenges {

    /** Emits true when this is the solution's first use (and marks it spent), false when it was used before. */
    Mono<Boolean> spend(String signature, Duration replayableFor);

    /**
     * One gateway's memory. The bound is a surge's worth of writes within an expiry (1,400/s for 5 minutes is
     * 420,000): past it the oldest are forgotten first, and those are the ones closest to expiring anyway.
     */
    final class InMemory implements SpentChallenges {

        private final Cache<String, Boolean> spent;

        InMemory(Duration expiry) {
            spent = Caffeine.newBuilder().expireAfterWrite(expiry.plusSeconds(1)).maximumSize(1_000_000).build();
        }

        @Override
        public Mono<Boolean> spend(String signature, Duration replayableFor) {
            return Mono.fromSupplier(() -> spent.asMap().putIfAbsent(signature, Boolean.TRUE) == null);
        }
    }

    /**
     * Shared by every gateway. When Redis does not answer, this gateway's own memory decides: a survivor's story must
     * not wait for Redis, and a replay then succeeds only once per gateway, which still costs a program its work.
     */
    final class InRedis implements SpentChallenges {

        /** Set only if absent, with the expiry in the same step, so no spent mark outlives its challenge by much. */
        private static final RedisScript<Long> SPEND = RedisScript.of("""
                if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 1 end
                return 0""", Long.class);

        private final ReactiveStringRedisTemplate redis;
        private final String keyPrefix;
        private final InMemory fallback;
        private final OutageLog outage;

        InRedis(ReactiveStringRedisTemplate redis, String keyPrefix, Duration expiry, MeterRegistry meters) {
            this.redis = redis;
            this.keyPrefix = keyPrefix;
            this.fallback = new InMemory(expiry);
            this.outage = OutageLog.of(InRedis.class, "spent-challenges",
                    "proof-of-work solutions spent in this gateway only", meters);
        }

        @Override
        public Mono<Boolean> spend(String signature, Duration replayableFor) {
            return redis.execute(SPEND, List.of(keyPrefix + "proof:" + signature),
                            List.of(Long.toString(Math.max(1, replayableFor.toMillis())))).next()
                    .map(first -> first == 1)
                    .onErrorResume(e -> {
                        outage.failed(e);
                        return fallback.spend(signature, replayableFor);
                    });
        }
    }
}
