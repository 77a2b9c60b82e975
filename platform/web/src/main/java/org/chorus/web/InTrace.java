package org.chorus.web;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Runs work, in practice a log line, inside the trace of the request it belongs to, so the line names that trace
 * ({@code trace.id}, {@code span.id}). WebFlux keeps a request's observation in the Reactor context, and Chorus does
 * not have Reactor copy it into thread locals at every step ({@code spring.reactor.context-propagation=auto}): that
 * cost the gateway about a third of its CPU per proxied request (ObservabilityDefaults). So the lines an operator
 * needs to find a request by, the gateway's access line and every unexpected error's, are written through here, and
 * the observation is in scope for exactly as long as they take.
 */
public final class InTrace {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private InTrace() {
    }

    /** {@code work}'s result, computed with the observation of {@code context} (if any) current on this thread. */
    public static <T> T call(ContextView context, Supplier<T> work) {
        if (!context.hasKey(ObservationThreadLocalAccessor.KEY)) {
            return work.get();
        }
        try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY)) {
            return work.get();
        }
    }

    /** Runs {@code work} when subscribed, in the trace of the subscriber's context. */
    public static Mono<Void> run(Runnable work) {
        return Mono.deferContextual(context -> call(context, () -> {
            work.run();
            return Mono.empty();
        }));
    }

    /** The Mono {@code work} makes, made when subscribed, in the trace of the subscriber's context. */
    public static <T> Mono<T> defer(Supplier<Mono<T>> work) {
        return Mono.deferContextual(context -> call(context, work));
    }
}
