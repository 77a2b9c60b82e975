package org.chorus.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request body limits per route: a route's {@code body-limit} metadata (e.g. {@code 64KB} for a story), or the
 * default of {@link EdgeProperties}. Every route has one, so a route nobody thought about is still bounded.
 * A declared length over the limit is refused before the service is called; a body sent without a length is
 * counted as it streams and cut off at the limit. Either way the answer is a 413 problem from {@link GatewayErrors}.
 */
@Component
class BodyLimit implements GlobalFilter, Ordered {

    static final String METADATA = "body-limit";

    private final EdgeProperties properties;

    BodyLimit(EdgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long limit = limit(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException("body over " + limit + " bytes"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private long limit(Route route) {
        Object configured = route == null ? null : route.getMetadata().get(METADATA);
        return configured == null ? properties.bodyLimit().toBytes() : DataSize.parse(configured.toString()).toBytes();
    }
}
