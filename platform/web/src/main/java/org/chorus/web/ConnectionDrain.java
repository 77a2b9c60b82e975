package org.chorus.web;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Lets a stopping instance hand its keep-alive connections over before the web server closes them. A client that
 * keeps a pool (the gateway towards a service, a load balancer towards the gateway) stays on the connections it has
 * to a pod that Kubernetes took out of its Service, and when graceful shutdown closes the idle ones, a request the
 * client just wrote on one fails as "connection closed before response". A POST cannot be retried safely after
 * that. So on SIGTERM, before the server's graceful shutdown, every answer says {@code Connection: close} for a
 * moment: each pooled connection closes after its answer and the client opens the next one to a ready pod. The
 * moment ends once no request has arrived for {@value #QUIET_MILLIS} ms, at most {@code chorus.web.drain}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ConnectionDrain implements WebFilter, SmartLifecycle, Ordered {

    static final long QUIET_MILLIS = 300;

    private final Duration limit;
    private volatile boolean running;
    private volatile boolean draining;
    private volatile long lastRequestNanos = System.nanoTime();

    public ConnectionDrain(@Value("${chorus.web.drain:5s}") Duration limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        lastRequestNanos = System.nanoTime();
        if (draining) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    /** First of all filters: an answer refused early (a firewall, a rate limit) closes its connection too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (System.nanoTime() < deadline
                    && System.nanoTime() - lastRequestNanos < Duration.ofMillis(QUIET_MILLIS).toNanos()) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (DEFAULT_PHASE - 1024): higher phases stop first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
