package org.chorus.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Counts a client's requests of one kind per window, in memory or in Redis. */
interface RateCounter {

    /** Counts the request; emits 0 when it is allowed, otherwise the seconds until the window ends. */
    Mono<Long> acquire(String clientAddress, String kind, int limit);
}
