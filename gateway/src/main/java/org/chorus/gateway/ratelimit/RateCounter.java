package org.chorus.gateway.ratelimit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Counts a client's requests of one kind per window, in memory or in Redis. */
interface RateCounter {

    /** Counts the request; emits 0 when it is allowed, otherwise the seconds until the window ends. */
    Mono<Long> acquire(String clientAddress, String kind, int limit);

    /** The same, in a window of its own length rather than the configured one. */
    Mono<Long> acquire(String clientAddress, String kind, int limit, Duration window);

    /** Takes back one request counted in the current window of that length (it did not do what it was counted for). */
    Mono<Void> release(String clientAddress, String kind, Duration window);
}
