package org.chorus.gateway.proof;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard an anonymous write is to send. A challenge's difficulty is the largest number the browser may have to try
 * ({@code maxnumber} in ALTCHA's terms; on average it tries half). It doubles with every {@code writesPerStep} writes
 * a client made in the last {@code recentWrites}, and grows in proportion once this gateway takes more than
 * {@code surgeWritesPerSecond}, up to {@code maxDifficulty}. Measured with the site's solver in Chromium throttled to
 * a mid-tier phone (4×, {@code suite.sh proof-of-work}): about 39,000 hashes a second, so 0.5 s on average at the
 * base, 13 s at the maximum. The maximum was 5,000,000, a minute on average and two at worst on that phone: too long
 * to ask of a survivor behind an address many share (a shelter's Wi-Fi, a carrier's NAT), while a program hashing
 * natively spends well under a second on either. The rate limit, not the proof, is what holds a flood back.
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
        @DefaultValue("1000000") long maxDifficulty,
        @DefaultValue("3") int writesPerStep,
        @DefaultValue("10m") Duration recentWrites,
        @DefaultValue("100") int surgeWritesPerSecond) {
}
