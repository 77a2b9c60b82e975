package org.chorus.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.chorus.gateway.redis.RedisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/** In memory for one gateway (the default), in Redis when {@code chorus.redis.enabled} says several share the work. */
@Configuration(proxyBeanMethods = false)
class RateCounters {

    @Bean
    @ConditionalOnBooleanProperty(name = "chorus.redis.enabled", havingValue = false, matchIfMissing = true)
    InMemory inMemoryRateCounter(RateLimitProperties properties) {
        return new InMemory(new ClientRateLimiter(Clock.systemUTC(), properties.window().toMillis()));
    }

    @Bean
    @ConditionalOnBooleanProperty("chorus.redis.enabled")
    RateCounter redisRateCounter(RateLimitProperties properties, RedisProperties redis,
                                 ReactiveStringRedisTemplate template, MeterRegistry meters) {
        if (properties.secret() == null || properties.secret().isBlank()) {
            throw new IllegalStateException("chorus.rate-limit.secret must be set when chorus.redis.enabled=true: "
                    + "every gateway must hash client addresses with the same secret, and it must not live in Redis");
        }
        return new RedisRateCounter(template, redis.keyPrefix(), Clock.systemUTC(), properties.window().toMillis(),
                properties.secret(), meters);
    }

    static final class InMemory implements RateCounter {

        private final ClientRateLimiter limiter;

        InMemory(ClientRateLimiter limiter) {
            this.limiter = limiter;
        }

        @Override
        public Mono<Long> acquire(String clientAddress, String kind, int limit) {
            return Mono.just(limiter.acquire(clientAddress, kind, limit));
        }

        @Override
        public Mono<Long> acquire(String clientAddress, String kind, int limit, Duration window) {
            return Mono.just(limiter.acquire(clientAddress, kind, limit, window.toMillis()));
        }

        @Override
        public Mono<Void> release(String clientAddress, String kind, Duration window) {
            return Mono.fromRunnable(() -> limiter.release(clientAddress, kind, window.toMillis()));
        }

        /** Forgets every counter of an earlier window, so no trace of an address lingers. */
        @Scheduled(fixedDelayString = "${chorus.rate-limit.window:1m}")
        void evictExpired() {
            limiter.evictExpired();
        }
    }
}
