package org.chorus.gateway.edge;

import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The gateway is where a trace begins: a reader's {@code traceparent} (or B3) is taken off before the request's
 * observation reads it. Believed, it would let anyone choose the trace id of their requests, and set the sampled
 * flag on every one: the sampler follows a sampled parent, so a flood would be traced and exported in full, at many
 * times the cost of the 10 % sampled otherwise. Runs around Spring's whole handler, before any web filter, because
 * the observation starts there; so nothing a reader sent reaches a service either ({@link TraceIntoServices} only
 * adds the gateway's own).
 */
@Configuration(proxyBeanMethods = false)
class ReadersTraceHeaders {

    /** The trace headers in common use, whatever this gateway's propagator reads. */
    static final List<String> COMMON_FIELDS = List.of("traceparent", "tracestate", "baggage", "b3", "X-B3-TraceId",
            "X-B3-SpanId", "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

    @Bean
    WebHttpHandlerBuilderCustomizer traceBeginsAtTheGateway(ObjectProvider<Propagator> propagator) {
        // the propagator's own (W3C's and any baggage fields configured), and the common ones besides
        Set<String> union = new LinkedHashSet<>(propagator.getIfAvailable(() -> Propagator.NOOP).fields());
        union.addAll(COMMON_FIELDS);
        List<String> fields = List.copyOf(union);
        return builder -> builder.httpHandlerDecorator(handler -> (request, response) ->
                handler.handle(carriesTrace(request, fields) ? withoutTrace(request, fields) : request, response));
    }

    private static boolean carriesTrace(ServerHttpRequest request, List<String> fields) {
        HttpHeaders headers = request.getHeaders();
        for (String field : fields) {
            if (headers.containsHeader(field)) {
                return true;
            }
        }
        return false;
    }

    private static ServerHttpRequest withoutTrace(ServerHttpRequest request, List<String> fields) {
        return request.mutate().headers(headers -> fields.forEach(headers::remove)).build();
    }
}
