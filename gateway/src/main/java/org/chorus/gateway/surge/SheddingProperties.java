package org.chorus.gateway.surge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When this gateway sheds public reads. Requests in flight to the services are the measure of saturation: when the
 * services slow down they pile up here first. Answers from the micro-cache never count and are never shed.
 *
 * @param readsInFlight  at this many routed requests waiting for a service, a further public read is refused
 * @param writesInFlight at this many, higher, a further public write (sharing, reporting, subscribing) is refused
 *                       too, at once, rather than queued behind thousands until it times out: the site keeps the
 *                       story on the page and sends it again after {@code retryAfter}. Staff work is never refused
 *                       for load here.
 * @param retryAfter     what the refused browser is told to wait
 */
@ConfigurationProperties("chorus.edge.shedding")
public record SheddingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("256") int readsInFlight,
        @DefaultValue("1024") int writesInFlight,
        @DefaultValue("5s") Duration retryAfter) {

    public SheddingProperties {
        if (readsInFlight < 1 || writesInFlight < readsInFlight) {
            throw new IllegalArgumentException("chorus.edge.shedding needs 1 <= reads-in-flight <= writes-in-flight, "
                    + "so that reads are shed before writes; not " + readsInFlight + " and " + writesInFlight);
        }
    }
}
