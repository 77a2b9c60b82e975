package org.chorus.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often {@link ConsumerLag} asks the brokers for this service's groups' offsets
 */
@ConfigurationProperties("chorus.consumer-lag")
public record ConsumerLagProperties(@DefaultValue("15s") Duration interval) {
}
