package org.chorus.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Carries a trace across the outbox. When an event is recorded, the W3C {@code traceparent} of the request that
 * caused it (read from the Reactor context, where WebFlux keeps the request's observation) goes into the outbox
 * row; when the relay publishes the row, it does so inside an observation whose parent is that traceparent, so the
 * Kafka record (whose {@code traceparent} header the producer's observation writes) and its consumers continue the
 * submitter's trace, however long the row waited. Only ids and the sampled flag travel, never baggage. Work queued in
 * a table of a service's own (a mail to send) carries a trace across the wait the same way ({@link #observe}).
 */
public final class TraceContext {

    static final String TRACEPARENT = "traceparent";

    /** What {@link #traceparent} needs of the tracer: the W3C header for the span of an observation. */
    @FunctionalInterface
    public interface Writer {
        /** The traceparent of the observation's span, or null when it has none. */
        String traceparent(Observation observation);
    }

    private static final TraceContext NONE = new TraceContext(ObservationRegistry.NOOP, observation -> null);

    private final ObservationRegistry registry;
    private final Writer writer;

    public TraceContext(ObservationRegistry registry, Writer writer) {
        this.registry = registry;
        this.writer = writer;
    }

    /** No tracing: nothing is stored, nothing continued. */
    public static TraceContext none() {
        return NONE;
    }

    /** The traceparent of the observation in this Reactor context, or null. */
    public String traceparent(ContextView context) {
        Object observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        return observation instanceof Observation current && !current.isNoop() ? writer.traceparent(current) : null;
    }

    /** Runs {@code publication} in an observation that continues the trace {@code traceparent} names, if any. */
    <T> T continueTrace(String traceparent, String topic, Supplier<T> publication) {
        if (traceparent == null || registry.isNoop()) {
            return publication.get();
        }
        return continuing(traceparent, "chorus.outbox.relay", "outbox")
                .contextualName("outbox publish " + topic)
                .lowCardinalityKeyValue("topic", topic)
                .observe(publication);
    }

    /**
     * Runs {@code work} in an observation named {@code name} (a timer by that name, and a span when the trace is
     * sampled), a child of the trace {@code traceparent} names when there is one, a trace of its own otherwise. The
     * span is the kind a consumer's is: it takes up work another span left behind. {@code queue} names the table the
     * work waited in; it labels the timer and names the span ("mail send outgoing_mail"), never anything of the work.
     */
    public <T> Mono<T> observe(String traceparent, String name, String queue, Mono<T> work) {
        if (registry.isNoop()) {
            return work;
        }
        return Mono.defer(() -> {
            Observation observation = (traceparent == null
                    ? Observation.createNotStarted(name, registry)
                    : continuing(traceparent, name, queue))
                    .contextualName(name.replace("chorus.", "").replace('.', ' ') + " " + queue)
                    .lowCardinalityKeyValue("queue", queue)
                    .start();
            return work.doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private Observation continuing(String traceparent, String name, String remoteService) {
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(carrier);
        context.setRemoteServiceName(remoteService);
        return Observation.createNotStarted(name, () -> context, registry);
    }
}
