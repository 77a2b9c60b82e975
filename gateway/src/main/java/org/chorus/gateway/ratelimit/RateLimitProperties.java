package org.chorus.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests one client address may make per window. Writes (sharing a story, subscribing, reporting) are held
 * much tighter than reads: they cost more and are what abuse looks like. Staff work ({@code /api/admin/**}) has its
 * own count: a moderator publishing a morning's queue must not run into the limit meant for anonymous writes.
 *
 * @param enabled  off only for load tests that come from a single address
 * @param secret   the key of the address hash when counters are in Redis: the same for every gateway, from the
 *                 environment ({@code CHORUS_RATE_LIMIT_SECRET}); unused in memory, where a random key is made at start
 */
@ConfigurationProperties("chorus.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration window,
        @DefaultValue("20") int writesPerWindow,
        @DefaultValue("600") int readsPerWindow,
        @DefaultValue("600") int staffPerWindow,
        String secret) {
}
