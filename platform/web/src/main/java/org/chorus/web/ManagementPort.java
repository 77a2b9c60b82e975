package org.chorus.web;

import java.net.InetSocketAddress;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Matches requests that arrived on the management port, when the application has one of its own
 * ({@code management.server.port}; production: 9090, which no route, Service or ingress reaches). Security
 * configurations permit the metrics endpoint on that port only: on the public port it stays closed, so the gateway
 * never serves it, whatever its routes say. Without a separate port nothing matches.
 */
public final class ManagementPort implements ServerWebExchangeMatcher,
        ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local != null && port > 0 && local.getPort() == port
                && exchange.getRequest().getPath().value().startsWith("/actuator/")
                ? MatchResult.match() : MatchResult.notMatch();
    }

    /** The management port once it listens; -1 without a separate one. */
    public int port() {
        return port;
    }
}
