package org.chorus.gateway.surge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorus.gateway.edge.NationalHotlines;
import org.chorus.gateway.edge.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts the requests this gateway has routed to a service and not yet answered; at {@code readsInFlight}, a public
 * read is answered 503 at once instead of joining the queue, while writes and all staff work still pass. Only at
 * {@code writesInFlight}, well above, is a public write answered 503 as well: past that point a write would wait
 * behind the whole queue and time out anyway (measured: at three times what the platform could take, half the
 * stories waited 40 s and most got no answer), so it is better told at once and sent again by the site, which keeps
 * the story on the page. A global filter runs only for routed requests: the static site and the micro-cache's
 * answers are served regardless.
 */
@Component
class ShedReadsFirst implements GlobalFilter, Ordered {

    private final SheddingProperties properties;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;
    private final Counter writesDeferred;

    ShedReadsFirst(SheddingProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.shed = Counter.builder("chorus.gateway.reads.shed")
                .description("Public reads answered 503 at once because too many requests were in flight").register(meters);
        this.writesDeferred = Counter.builder("chorus.gateway.writes.deferred")
                .description("Public writes answered 503 at once (the site sends them again) because far too many "
                        + "requests were in flight").register(meters);
        Gauge.builder("chorus.gateway.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests routed to a service and not yet answered, by this gateway").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        if (publicRead(exchange.getRequest()) && inFlight.get() >= properties.readsInFlight()) {
            shed.increment();
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(properties.retryAfter().toSeconds()));
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    "Chorus is very busy right now, so stories cannot be shown for a moment. Sharing your story still "
                            + "works. If you need to talk to someone now, the national hotlines answer at any hour.",
                    Map.of("busy", true, "national_hotlines", NationalHotlines.TREE));
        }
        if (publicWrite(exchange.getRequest()) && inFlight.get() >= properties.writesInFlight()) {
            writesDeferred.increment();
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(properties.retryAfter().toSeconds()));
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    "Chorus is very busy right now, so this was not sent yet. What you wrote is still on the page and "
                            + "is sent again in a few seconds. If you need to talk to someone now, the national "
                            + "hotlines answer at any hour.",
                    Map.of("busy", true, "national_hotlines", NationalHotlines.TREE));
        }
        inFlight.incrementAndGet();
        return chain.filter(exchange).doFinally(signal -> inFlight.decrementAndGet());
    }

    /** What a reader's page asks for; the hotlines, a staff member's reads and every write are not shed. */
    private static boolean publicRead(ServerHttpRequest request) {
        String path = request.getPath().value();
        return (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))
                && !path.startsWith("/api/admin/") && !path.equals("/api/me")
                && !path.equals("/api/resources/hotlines");
    }

    /** A member of the public's write: sharing, reporting, subscribing, managing their story. */
    private static boolean publicWrite(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        String path = request.getPath().value();
        return !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method) && !HttpMethod.OPTIONS.equals(method)
                && !path.startsWith("/api/admin/");
    }

    /** First among the global filters after the route's name for the metrics (RouteTag): a shed read costs no routing work. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
