package org.chorus.gateway.proof;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard an anonymous write is to send. A challenge's difficulty is the largest number the browser may have to try
 * ({@code maxnumber} in ALTCHA's terms; on average it tries half). At the base a phone solves one in well under a
 * second; it doubles with every {@code writesPerStep} writes a client made in the last {@code recentWrites}, and
 * grows in proportion once this gateway takes more than {@code surgeWritesPerSecond}, up to {@code maxDifficulty}.
 *
 * @param enabled              off only for tests and load runs that post directly
 * @param secret               the HMAC key challenges are signed with, the same on every gateway when several share
 *                             the work ({@code chorus.redis.enabled}); blank on a single gateway: a key is made at start
 * @param expiry               how long a challenge may be answered; the site asks for one when the reader presses send
 */
@ConfigurationProperties("chorus.proof-of-work")
public record ProofOfWorkProperties(
        @DefaultValue("true") boolean enabled,
        String secret,
        @DefaultValue("5m") Duration expiry,
        @DefaultValue("50000") long difficulty,
        @DefaultValue("5000000") long maxDifficulty,
        @DefaultValue("3") int writesPerStep,
        @DefaultValue("10m") Duration recentWrites,
        @DefaultValue("100") int surgeWritesPerSecond) {
}
