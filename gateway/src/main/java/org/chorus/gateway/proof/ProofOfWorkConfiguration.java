package org.chorus.gateway.proof;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.chorus.gateway.edge.KeyedHash;
import org.chorus.gateway.redis.RedisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class ProofOfWorkConfiguration {

    /**
     * Signed with a key of its own, derived from the configured secret (by default the rate limit's, which every
     * gateway of a deployment already shares), so one secret in the store never serves two purposes as the same key.
     */
    @Bean
    Challenges challenges(ProofOfWorkProperties properties, RedisProperties redis) {
        String secret = properties.secret();
        if (secret == null || secret.isBlank()) {
            if (redis.enabled()) {
                throw new IllegalStateException("chorus.proof-of-work.secret (or CHORUS_RATE_LIMIT_SECRET) must be "
                        + "set when chorus.redis.enabled=true: a challenge one gateway issued must verify at another");
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return new Challenges(key, properties.expiry());
        }
        return new Challenges(derive(secret), properties.expiry());
    }

    @Bean
    Difficulty difficulty(ProofOfWorkProperties properties) {
        return new Difficulty(properties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "chorus.redis.enabled", havingValue = false, matchIfMissing = true)
    SpentChallenges spentInMemory(ProofOfWorkProperties properties) {
        return new SpentChallenges.InMemory(properties.expiry());
    }

    @Bean
    @ConditionalOnBooleanProperty("chorus.redis.enabled")
    SpentChallenges spentInRedis(ProofOfWorkProperties properties, RedisProperties redis,
                                 ReactiveStringRedisTemplate template, MeterRegistry meters) {
        return new SpentChallenges.InRedis(template, redis.keyPrefix(), properties.expiry(), meters);
    }

    private static byte[] derive(String secret) {
        return new KeyedHash(secret.getBytes(StandardCharsets.UTF_8)).bytes("chorus proof-of-work challenges v1");
    }
}
