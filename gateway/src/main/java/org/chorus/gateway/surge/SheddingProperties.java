package org.chorus.gateway.surge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When this gateway sheds public reads. Requests in flight to the services are the measure of saturation: when the
 * services slow down they pile up here first. Answers from the micro-cache never count and are never shed.
 *
 * @param readsInFlight at this many routed requests waiting for a service, a further public read is refused;
 *                      writes (sharing, reporting, subscribing, staff work) are never refused for load here
 * @param retryAfter    what the refused reader's browser is told to wait
 */
@ConfigurationProperties("chorus.edge.shedding")
public record SheddingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("256") int readsInFlight,
        @DefaultValue("5s") Duration retryAfter) {
}
