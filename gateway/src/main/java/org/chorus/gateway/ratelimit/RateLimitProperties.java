package org.chorus.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests one client address may make per window. Writes (sharing a story, subscribing, reporting) are held
 * much tighter than reads: they cost more and are what abuse looks like. Staff work ({@code /api/admin/**}) has its
 * own count: a moderator publishing a morning's queue must not run into the limit meant for anonymous writes.
 * Sign-in ({@code /oauth2/**}, {@code /login/**}, {@code /logout}) has the strictest: each start of a sign-in makes a
 * session, and a staff member needs two requests to sign in.
 *
 * A reader reports a story once per {@code reportWindow}: a repeated report of the same story from the same client in
 * that time is answered as accepted and not passed on, so one reader cannot flood a story's reports (nor the
 * moderators' digests) however they spread their writes.
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
        @DefaultValue("10") int signInPerWindow,
        @DefaultValue("1h") Duration reportWindow,
        String secret) {
}
