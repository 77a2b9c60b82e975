package org.chorus.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits {@code /api/**} per client address, before security and routing so a flood costs as little as possible.
 * Answers 429 with {@code Retry-After} and problem+json. Single-instance for now: several gateways behind a load
 * balancer each count on their own (a shared Redis-backed limiter is the gateway issue's work).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter implements WebFilter {

    private final RateLimitProperties properties;
    private final ClientRateLimiter limiter;

    RateLimitFilter(RateLimitProperties properties) {
        this.properties = properties;
        this.limiter = new ClientRateLimiter(Clock.systemUTC(), properties.window().toMillis());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!properties.enabled() || !request.getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        boolean write = !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                || HttpMethod.OPTIONS.equals(request.getMethod()));
        long retryAfter = limiter.acquire(clientAddress(request), write ? "write" : "read",
                write ? properties.writesPerWindow() : properties.readsPerWindow());
        return retryAfter == 0 ? chain.filter(exchange) : tooManyRequests(exchange.getResponse(), retryAfter);
    }

    @Scheduled(fixedDelayString = "${chorus.rate-limit.window:1m}")
    void evictExpired() {
        limiter.evictExpired();
    }

    private static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static Mono<Void> tooManyRequests(ServerHttpResponse response, long retryAfterSeconds) {
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"Too many requests from your connection. Please wait " + retryAfterSeconds
                + " seconds and try again.\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
