package org.chorus.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param source        the CloudEvents {@code ce_source} of this service, e.g. {@code /chorus/stories}
 * @param pollInterval  how often the relay looks for new rows while all is well
 * @param batchSize     rows published per round trip
 * @param maxBackoff    the longest pause between rounds while publishing keeps failing
 * @param relayEnabled  false in an instance that should only write (tests use it to hold events back)
 */
@ConfigurationProperties("chorus.outbox")
public record OutboxProperties(
        @DefaultValue("/chorus") String source,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("true") boolean relayEnabled) {
}
