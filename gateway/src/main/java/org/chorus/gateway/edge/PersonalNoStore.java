package org.chorus.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Cache-Control: no-store} on everything personal ({@link PersonalPaths}), whatever the service behind said.
 * No browser cache, shared computer or proxy may keep a copy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PersonalNoStore implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (PersonalPaths.personal(exchange.getRequest())) {
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() ->
                    exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore())));
        }
        return chain.filter(exchange);
    }
}
