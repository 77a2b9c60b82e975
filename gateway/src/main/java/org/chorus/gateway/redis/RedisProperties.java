package org.chorus.gateway.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shared state for several gateways behind one load balancer: staff sessions (with their tokens) and rate-limit
 * counters go to Redis ({@code spring.data.redis.*} says where). Off by default: one gateway keeps them in memory.
 *
 * @param keyPrefix put before every key the gateway writes, so gateways of different deployments (or test runs)
 *                  can share a Redis without meeting
 * @param sessionKey base64 of 32 random bytes, the same on every gateway ({@code CHORUS_REDIS_SESSION_KEY}): seals
 *                  the sessions' values (their tokens among them) in Redis; required with Redis, never stored there
 */
@ConfigurationProperties("chorus.redis")
public record RedisProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("chorus:gateway:") String keyPrefix,
        String sessionKey) {
}
