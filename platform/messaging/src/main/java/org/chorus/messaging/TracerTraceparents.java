package org.chorus.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/** The W3C traceparent of an observation's span, written by the application's propagator (Micrometer Tracing). */
final class TracerTraceparents implements TraceContext.Writer {

    private final ObjectProvider<Propagator> propagator;

    TracerTraceparents(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator;
    }

    @Override
    public String traceparent(Observation observation) {
        TracingObservationHandler.TracingContext tracing =
                observation.getContextView().get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        Propagator writer = propagator.getIfAvailable();
        if (span == null || writer == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        writer.inject(span.context(), carrier, Map::put);
        return carrier.get(TraceContext.TRACEPARENT);
    }
}
