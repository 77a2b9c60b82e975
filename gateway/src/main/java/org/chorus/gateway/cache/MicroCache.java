package org.chorus.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.chorus.gateway.edge.PersonalPaths;
import org.reactivestreams.Publisher;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps public anonymous {@code GET /api/**} answers for at most {@code chorus.edge.micro-cache.max-age}, per gateway,
 * when the service marked them cacheable for a shared cache. Never kept:
 * <ul>
 *   <li>a request with {@code Authorization} or any cookie (a staff member, whose session may change the answer),
 *       or on a personal path ({@link PersonalPaths}: staff, manage token, subscriptions, sign-in);</li>
 *   <li>an answer other than 200, with {@code Set-Cookie}, with {@code Vary} (the key holds only the method, path and
 *       query), larger than {@code max-body}, or whose {@code Cache-Control} lines hold {@code no-store},
 *       {@code private} or {@code no-cache} anywhere, or no positive {@code s-maxage}/{@code max-age}
 *       ({@link CacheDirectives}).</li>
 * </ul>
 * It runs after Spring Security, so an answer from it gets the same security headers as one from the service, and
 * after the rate limit, so a hit still counts as a read. What the reader sends in {@code Cache-Control} is not
 * obeyed: otherwise a flood could bypass the cache with one header.
 * <p>
 * Concurrent misses of one address are coalesced, as nginx's {@code proxy_cache_lock} does: the first reader asks
 * the service, and those who arrive while it waits are given its answer once it is kept, instead of each asking too.
 * Without that, every expiry of a popular answer in a surge sends as many requests to the service as arrive during
 * one service round trip. An answer that turns out not to be keepable (personal, an error, too large) is never given
 * to another reader: they are released at once, each to ask the service for their own, and for {@code max-age}
 * after that the address's readers are not held back at all (Varnish's "hit-for-pass"). A reader waits at most
 * {@code fill-wait}.
 */
@Component
@Order(0)
class MicroCache implements WebFilter {

    /** Hop-by-hop and per-answer fields: a kept answer is written with its own length and age. */
    private static final Set<String> NOT_KEPT = Set.of(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CONNECTION,
            "Keep-Alive", HttpHeaders.CONTENT_LENGTH, HttpHeaders.DATE, HttpHeaders.AGE);

    private final MicroCacheProperties properties;
    private final Cache<String, Kept> kept;
    /** Misses being fetched, by key: completed with the kept answer, or with null when nothing was kept. */
    private final ConcurrentMap<String, CompletableFuture<Kept>> filling = new ConcurrentHashMap<>();
    /** Addresses whose last answer could not be kept: their readers go straight to the service for a while. */
    private final Cache<String, Boolean> passing;

    MicroCache(MicroCacheProperties properties) {
        this.properties = properties;
        this.kept = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfter(Expiry.creating((String key, Kept answer) -> answer.lifetime()))
                .build();
        this.passing = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfterWrite(properties.maxAge())
                .build();
    }

    /** One kept answer: status 200, the headers to repeat, the body, when it was kept and for how long. */
    private record Kept(HttpHeaders headers, byte[] body, long keptAtNanos, Duration lifetime) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        String changed = changedSection(request);
        if (changed != null) {
            // before the answer leaves: a reader told "done" must not then get the old copy from here
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> forgetIfDone(exchange, changed)));
            return chain.filter(exchange);
        }
        if (!anonymousPublicRead(request)) {
            return chain.filter(exchange);
        }
        String query = request.getURI().getRawQuery();
        String key = query == null ? request.getURI().getRawPath() : request.getURI().getRawPath() + '?' + query;
        Kept answer = kept.getIfPresent(key);
        if (answer != null) {
            return hit(exchange, answer);
        }
        if (passing.getIfPresent(key) != null) {
            return chain.filter(exchange.mutate().response(new Keeping(exchange.getResponse(), key, null)).build());
        }
        CompletableFuture<Kept> fill = new CompletableFuture<>();
        CompletableFuture<Kept> inProgress = filling.putIfAbsent(key, fill);
        if (inProgress != null) {
            // never cancels the shared fetch: a waiting reader who hangs up leaves the others their answer
            return Mono.fromFuture(inProgress, true)
                    .timeout(properties.fillWait(), Mono.empty())
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(coalesced -> coalesced.isPresent() ? hit(exchange, coalesced.get()) : chain.filter(
                            exchange.mutate().response(new Keeping(exchange.getResponse(), key, null)).build()));
        }
        return chain.filter(exchange.mutate().response(new Keeping(exchange.getResponse(), key, fill)).build())
                .doFinally(signal -> {
                    filling.remove(key, fill);
                    fill.complete(null);
                });
    }

    private static Mono<Void> hit(ServerWebExchange exchange, Kept answer) {
        // counted in http.server.requests as one series, not under "UNKNOWN" nor per path (ids are in paths)
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.setPathPattern("micro-cache"));
        return replay(exchange.getResponse(), answer);
    }

    /**
     * The public section a write may change: an author's change through the manage token ({@code /api/stories/manage})
     * or any staff write ({@code /api/admin/stories/…} changes {@code /api/stories}). Submissions and reports change
     * nothing public, and a surge of them must not keep the cache empty; so they are not here.
     */
    private static String changedSection(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return null;
        }
        String path = request.getPath().value();
        if (path.startsWith("/api/stories/manage")) {
            return "/api/stories";
        }
        if (path.startsWith("/api/admin/")) {
            int end = path.indexOf('/', "/api/admin/".length());
            return "/api/" + path.substring("/api/admin/".length(), end < 0 ? path.length() : end);
        }
        return null;
    }

    /**
     * A change that went through this gateway is seen at once by the next reader here (an author who goes anonymous
     * is told "at once"); other gateways' copies expire within {@code max-age}.
     */
    private void forgetIfDone(ServerWebExchange exchange, String section) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status != null && status.is2xxSuccessful()) {
            kept.asMap().keySet().removeIf(key -> key.equals(section) || key.startsWith(section + '/')
                    || key.startsWith(section + '?'));
        }
    }

    private static boolean anonymousPublicRead(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return HttpMethod.GET.equals(request.getMethod())
                && request.getPath().value().startsWith("/api/")
                && !headers.containsHeader(HttpHeaders.AUTHORIZATION)
                && !headers.containsHeader(HttpHeaders.COOKIE)
                && !PersonalPaths.personal(request);
    }

    private static Mono<Void> replay(ServerHttpResponse response, Kept answer) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().addAll(answer.headers());
        long ageSeconds = Duration.ofNanos(System.nanoTime() - answer.keptAtNanos()).toSeconds();
        response.getHeaders().set(HttpHeaders.AGE, Long.toString(ageSeconds));
        response.getHeaders().setContentLength(answer.body().length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(answer.body())));
    }

    /** The response on its way out: when the service allowed it, a copy of what is written is kept. */
    private final class Keeping extends ServerHttpResponseDecorator {

        private final String key;
        /** Readers waiting for this answer, or null when none can be. */
        private final CompletableFuture<Kept> fill;

        Keeping(ServerHttpResponse delegate, String key, CompletableFuture<Kept> fill) {
            super(delegate);
            this.key = key;
            this.fill = fill;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            Optional<Duration> lifetime = keepable();
            if (lifetime.isEmpty()) {
                notKept();
                return super.writeWith(body);
            }
            long maxBody = properties.maxBody().toBytes();
            return Flux.from(body).collectList().flatMap(buffers -> {
                long size = buffers.stream().mapToLong(DataBuffer::readableByteCount).sum();
                if (size <= maxBody) {
                    byte[] copy = new byte[(int) size];
                    ByteBuffer into = ByteBuffer.wrap(copy);
                    int at = 0;
                    for (DataBuffer buffer : buffers) {
                        int length = buffer.readableByteCount();
                        // the destination position is absolute in the array: each piece goes after the one before
                        // (it was 0, so an answer that arrived in several buffers was kept with its last piece
                        // written over its first, and readers were served that)
                        buffer.toByteBuffer(buffer.readPosition(), into, at, length);
                        at += length;
                    }
                    kept(new Kept(headersToKeep(), copy, System.nanoTime(), lifetime.get()));
                } else {
                    notKept();
                }
                return super.writeWith(Flux.fromIterable(buffers));
            });
        }

        private void kept(Kept answer) {
            kept.put(key, answer);
            passing.invalidate(key);
            release(answer);
        }

        /** Not for anyone else: the waiting readers go and ask for their own now, and the next ones at once. */
        private void notKept() {
            passing.put(key, Boolean.TRUE);
            release(null);
        }

        private void release(Kept answer) {
            if (fill != null) {
                fill.complete(answer);
            }
        }

        private Optional<Duration> keepable() {
            HttpStatusCode status = getStatusCode();
            HttpHeaders headers = getHeaders();
            if (status == null || status.value() != 200 || headers.containsHeader(HttpHeaders.SET_COOKIE)
                    || headers.containsHeader(HttpHeaders.VARY)) {
                return Optional.empty();
            }
            List<String> cacheControl = headers.getOrEmpty(HttpHeaders.CACHE_CONTROL);
            return CacheDirectives.sharedLifetime(cacheControl)
                    .map(allowed -> allowed.compareTo(properties.maxAge()) < 0 ? allowed : properties.maxAge())
                    .filter(lifetime -> !lifetime.isZero() && !lifetime.isNegative());
        }

        private HttpHeaders headersToKeep() {
            HttpHeaders copy = new HttpHeaders();
            getHeaders().forEach((name, values) -> {
                if (NOT_KEPT.stream().noneMatch(name::equalsIgnoreCase)) {
                    copy.addAll(name, values);
                }
            });
            return copy;
        }
    }
}
