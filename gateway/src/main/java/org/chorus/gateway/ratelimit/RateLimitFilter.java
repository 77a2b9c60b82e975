package org.chorus.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.gateway.edge.ClientAddress;
import org.chorus.gateway.edge.Problems;
import org.chorus.gateway.edge.WarmUpPass;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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

    private static final Pattern REPORT = Pattern.compile("/api/stories/([0-9A-Fa-f-]{1,36})/reports");

    private final RateLimitProperties properties;
    private final RateCounter counter;
    private final MeterRegistry meters;
    private final WarmUpPass warmUp;

    RateLimitFilter(RateLimitProperties properties, RateCounter counter, MeterRegistry meters, WarmUpPass warmUp) {
        this.properties = properties;
        this.counter = counter;
        this.warmUp = warmUp;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        boolean signIn = path.startsWith("/oauth2/") || path.startsWith("/login/") || path.equals("/logout");
        if (!properties.enabled() || !(signIn || path.startsWith("/api/")) || warmUp.carriedBy(request)) {
            return chain.filter(exchange);
        }
        boolean staff = path.startsWith("/api/admin/") || path.equals("/api/me");
        boolean write = !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
                || HttpMethod.OPTIONS.equals(request.getMethod()));
        String kind = signIn ? "sign-in" : staff ? "staff" : write ? "write" : "read";
        int limit = signIn ? properties.signInPerWindow() : staff ? properties.staffPerWindow()
                : write ? properties.writesPerWindow() : properties.readsPerWindow();
        String reported = HttpMethod.POST.equals(request.getMethod()) ? reportedStory(path) : null;
        return ClientAddress.of(request)
                .map(client -> counter.acquire(client.countingUnit(), kind, limit)
                        .flatMap(retryAfter -> retryAfter != 0 ? refused(kind, exchange.getResponse(), retryAfter)
                                : reported == null ? chain.filter(exchange)
                                : onceForThisClient(client, reported, exchange, chain)))
                // counting every unreadable address in one shared count would let one client use up everyone's
                .orElseGet(() -> Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                        "The address of your connection could not be read, so this request cannot be taken."));
    }

    /**
     * A report of a story this client already reported within the report window: answered as the service answers an
     * accepted report, so a double click (or a flood) looks no different, and the service and moderators never see it.
     */
    private Mono<Void> onceForThisClient(ClientAddress client, String storyId, ServerWebExchange exchange,
                                         WebFilterChain chain) {
        String kind = "report:" + storyId;
        Mono<Void> forgetIt = counter.release(client.countingUnit(), kind, properties.reportWindow());
        return counter.acquire(client.countingUnit(), kind, 1, properties.reportWindow())
                .flatMap(repeated -> {
                    if (repeated != 0) {
                        exchange.getResponse().setStatusCode(HttpStatus.ACCEPTED);
                        return exchange.getResponse().setComplete();
                    }
                    // only a report the service took counts: a reader whose report failed may send it again
                    return chain.filter(exchange)
                            .then(Mono.defer(() -> accepted(exchange) ? Mono.<Void>empty() : forgetIt))
                            .onErrorResume(e -> forgetIt.then(Mono.error(e)));
                });
    }

    private static boolean accepted(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status != null && status.is2xxSuccessful();
    }

    /** The story id of {@code POST /api/stories/{id}/reports}, or null; an id too long to be one is left to the service. */
    static String reportedStory(String path) {
        Matcher report = REPORT.matcher(path);
        return report.matches() ? report.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Counted by kind of request (read, write, staff, sign-in): a surge shows as refused writes before anyone calls. */
    private Mono<Void> refused(String kind, ServerHttpResponse response, long retryAfterSeconds) {
        meters.counter("chorus.gateway.rate.limited", "kind", kind).increment();
        return tooManyRequests(response, retryAfterSeconds);
    }

    private static Mono<Void> tooManyRequests(ServerHttpResponse response, long retryAfterSeconds) {
        response.getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        return Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests from your connection. "
                + "Please wait " + retryAfterSeconds + " seconds and try again.");
    }
}
