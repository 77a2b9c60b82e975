package org.chorus.gateway.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param enabled    keep cacheable public answers at all
 * @param maxAge     the longest an answer is kept, whatever the service allows: a withdrawn story or a directory
 *                   correction shows through every gateway within this time
 * @param maxEntries how many answers one gateway keeps (the least recently used go first)
 * @param maxBody    the largest answer kept; a larger one passes through uncached
 * @param fillWait   how long a reader waits for the answer another reader is already fetching for the same address
 *                   (nginx's {@code proxy_cache_lock_timeout}) before asking the service itself
 */
@ConfigurationProperties("chorus.edge.micro-cache")
public record MicroCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration maxAge,
        @DefaultValue("2000") int maxEntries,
        @DefaultValue("256KB") DataSize maxBody,
        @DefaultValue("3s") Duration fillWait) {

    public MicroCacheProperties {
        if (maxAge.isNegative() || maxAge.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("chorus.edge.micro-cache.max-age must be between 0 and 60s, not " + maxAge);
        }
        if (fillWait.isNegative()) {
            throw new IllegalArgumentException("chorus.edge.micro-cache.fill-wait must not be negative");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("chorus.edge.micro-cache.max-entries must be 1 or more");
        }
    }
}
