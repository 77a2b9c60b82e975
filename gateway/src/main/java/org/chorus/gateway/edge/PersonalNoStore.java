package org.chorus.gateway.edge;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * {@code Cache-Control: no-store} on everything personal, whatever the service behind said: staff screens and
 * APIs, the author's manage-token pages, the answer to a submission (it carries the manage token), subscriptions
 * (an email address), and sign-in. No browser cache, shared computer or proxy may keep a copy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PersonalNoStore implements WebFilter {

    private static final List<PathPattern> PERSONAL = List.of(
            "/api/admin/**", "/api/stories/manage/**", "/api/subscriptions/**", "/api/me",
            "/admin", "/admin/**", "/logout", "/login/**", "/oauth2/**").stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();
    private static final PathPattern SUBMISSION = PathPatternParser.defaultInstance.parse("/api/stories");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (personal(exchange.getRequest())) {
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() ->
                    exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore())));
        }
        return chain.filter(exchange);
    }

    static boolean personal(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        return PERSONAL.stream().anyMatch(pattern -> pattern.matches(path))
                || HttpMethod.POST.equals(request.getMethod()) && SUBMISSION.matches(path);
    }
}
