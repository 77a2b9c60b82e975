package org.chorus.gateway.edge;

import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace into the service: a routed request leaves with the {@code traceparent} of the gateway's own span
 * for it (the {@code http.server.requests} observation), so the service's span is that span's child. The trace
 * headers a reader sent were taken off before the gateway looked at the request ({@link ReadersTraceHeaders}), so
 * there is nothing of theirs to remove here.
 * <p>
 * Spring Cloud Gateway's own way, its observability ({@code http.client.requests} by route, a client span per
 * call), is off: it cost the gateway about 10 % of its CPU per proxied request in the benchmark suite, and the
 * gateway's server timer already names each route ({@link RouteTag}), so the dashboards lose nothing.
 */
@Component
class TraceIntoServices implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    TraceIntoServices(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(span -> {
                    HttpHeaders headers = new HttpHeaders();
                    headers.putAll(input);
                    propagator.inject(span.context(), headers, HttpHeaders::set);
                    return headers;
                })
                .orElse(input);
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
