package org.chorus.gateway.surge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A new gateway sends itself public reads before it reports ready, so that the JIT has compiled the request path
 * before the first reader arrives. Measured on a 2-core machine shared with the whole platform (the benchmark suite's
 * read-path): a gateway started cold served its first minute at 0.50 of its later throughput; one that first sent
 * itself 13,276 reads (cut short at 45 s) served it at 1.15, and p99 was 119 ms instead of 449. 3,000 reads made no
 * measurable difference. The price: readiness comes up to {@code maxDuration} later, and the story lists among the
 * reads reach stories-service (a few hundred a second from each new pod) while the warm-up lasts.
 *
 * @param requests    how many (0: no warm-up, as on a developer's laptop)
 * @param concurrency how many at a time
 * @param maxDuration the longest the warm-up may hold back readiness
 */
@ConfigurationProperties("chorus.edge.warm-up")
public record WarmUpProperties(
        @DefaultValue("20000") int requests,
        @DefaultValue("8") int concurrency,
        @DefaultValue("45s") Duration maxDuration) {

    public WarmUpProperties {
        if (requests < 0 || concurrency < 1 || maxDuration.isNegative()) {
            throw new IllegalArgumentException("chorus.edge.warm-up needs requests >= 0, concurrency >= 1 and a "
                    + "max-duration of 0 or more");
        }
    }
}
