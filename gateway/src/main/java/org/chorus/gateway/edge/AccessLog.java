package org.chorus.gateway.edge;

import org.chorus.web.InTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * One line per request: method, route, path, status, milliseconds until the answer's headers left. Never the client address (principle 1), never
 * the query string (a ZIP code or an email can ride in it), never a header or a body. Reactor Netty's own access
 * log, which writes the address and the full URI, is switched off here whatever a system property says.
 */
@Configuration(proxyBeanMethods = false)
class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("org.chorus.gateway.access");

    @Bean
    NettyServerCustomizer noNettyAccessLog() {
        return server -> server.accessLog(false);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter accessLogLine() {
        return (exchange, chain) -> {
            long start = System.nanoTime();
            // written when the status line is final, also when an error handler outside the filters set it; in the
            // request's trace, so an operator goes from the line to the trace and back
            exchange.getResponse().beforeCommit(() -> InTrace.run(() -> {
                if (log.isInfoEnabled()) {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    log.info("{} {} {} {} {}ms", exchange.getRequest().getMethod(), routeId(exchange),
                            exchange.getRequest().getPath().value(), status == null ? 200 : status.value(),
                            (System.nanoTime() - start) / 1_000_000);
                }
            }));
            return chain.filter(exchange);
        };
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "gateway" : route.getId();
    }
}
