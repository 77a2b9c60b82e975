package org.chorus.gateway.edge;

import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace into the service: a routed request leaves with the {@code traceparent} of the gateway's own span
 * for it (the {@code http.server.requests} observation), so the service's span is that span's child. Whatever trace
 * headers the reader sent are replaced, never passed on (and the gateway never continued them:
 * {@link ReadersTraceHeaders}).
 * <p>
 * Spring Cloud Gateway's own way, its observability ({@code http.client.requests} by route, a client span per
 * call), is off: it cost the gateway about 10 % of its CPU per proxied request in the benchmark suite, and the
 * gateway's server timer already names each route ({@link RouteTag}), so the dashboards lose nothing.
 */
@Component
class TraceIntoServices implements HttpHeadersFilter, Ordered {

    /** The trace headers in common use, whatever this gateway's propagator reads. */
    static final List<String> COMMON_FIELDS = List.of("traceparent", "tracestate", "baggage", "b3", "X-B3-TraceId",
            "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

    private final Propagator propagator;
    private final List<String> fields;

    TraceIntoServices(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        // the propagator's own (W3C's by default), and the common ones besides, whatever it reads
        Set<String> fields = new LinkedHashSet<>(this.propagator.fields());
        fields.addAll(COMMON_FIELDS);
        this.fields = List.copyOf(fields);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        fields.forEach(headers::remove);
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .ifPresent(span -> propagator.inject(span.context(), headers, HttpHeaders::set));
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** After the others (hop-by-hop, forwarded), so nothing takes the header off again. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
