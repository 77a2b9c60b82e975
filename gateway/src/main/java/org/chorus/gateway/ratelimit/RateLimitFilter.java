package org.chorus.gateway.ratelimit;

import org.chorus.gateway.edge.ClientAddress;
import org.chorus.gateway.edge.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits {@code /api/**} and sign-in (each start of which makes a session) per client address, before security and routing so a flood costs as little as possible.
 * Answers 429 with {@code Retry-After} and problem+json. The client address is the one the edge settled (the
 * connection's peer unless a trusted proxy named another); a request whose client cannot be told is refused. The address is handed to the {@link RateCounter} only,
 * which keeps a keyed hash of it (in memory, or in Redis when several gateways share the count).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RateLimitFilter implements WebFilter {

    private final RateLimitProperties properties;
    private final RateCounter counter;

    RateLimitFilter(RateLimitProperties properties, RateCounter counter) {
        this.properties = properties;
        this.counter = counter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        boolean signIn = path.startsWith("/oauth2/") || path.startsWith("/login/") || path.equals("/logout");
        if (!properties.enabled() || !(signIn || path.startsWith("/api/"))) {
            return chain.filter(exchange);
        }
        boolean staff = path.startsWith("/api/admin/") || path.equals("/api/me");
        boolean write = !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                || HttpMethod.OPTIONS.equals(request.getMethod()));
        String kind = signIn ? "sign-in" : staff ? "staff" : write ? "write" : "read";
        int limit = signIn ? properties.signInPerWindow() : staff ? properties.staffPerWindow()
                : write ? properties.writesPerWindow() : properties.readsPerWindow();
        return ClientAddress.of(request)
                .map(client -> counter.acquire(client.countingUnit(), kind, limit)
                        .flatMap(retryAfter -> retryAfter == 0
                                ? chain.filter(exchange) : tooManyRequests(exchange.getResponse(), retryAfter)))
                // counting every unreadable address in one shared count would let one client use up everyone's
                .orElseGet(() -> Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                        "The address of your connection could not be read, so this request cannot be taken."));
    }

    private static Mono<Void> tooManyRequests(ServerHttpResponse response, long retryAfterSeconds) {
        response.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        return Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests from your connection. "
                + "Please wait " + retryAfterSeconds + " seconds and try again.");
    }
}
