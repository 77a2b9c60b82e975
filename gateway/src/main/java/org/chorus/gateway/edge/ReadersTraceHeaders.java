package org.chorus.gateway.edge;

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
 * the observation starts there.
 */
@Configuration(proxyBeanMethods = false)
class ReadersTraceHeaders {

    @Bean
    WebHttpHandlerBuilderCustomizer traceBeginsAtTheGateway() {
        return builder -> builder.httpHandlerDecorator(handler -> (request, response) ->
                handler.handle(carriesTrace(request) ? withoutTrace(request) : request, response));
    }

    private static boolean carriesTrace(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        for (String field : TraceIntoServices.COMMON_FIELDS) {
            if (headers.containsHeader(field)) {
                return true;
            }
        }
        return false;
    }

    private static ServerHttpRequest withoutTrace(ServerHttpRequest request) {
        return request.mutate().headers(headers -> TraceIntoServices.COMMON_FIELDS.forEach(headers::remove)).build();
    }
}
