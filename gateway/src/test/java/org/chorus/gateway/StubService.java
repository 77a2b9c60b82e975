package org.chorus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A stand-in for a service behind the gateway, to see what the gateway sends it and how the gateway answers when
 * a service is slow or hangs up. It tells what it received about credentials, never echoes the values.
 */
public final class StubService {

    private static final Map<String, Integer> REPORTS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> SERVED = new ConcurrentHashMap<>();
    private static final AtomicInteger WRITES = new AtomicInteger();

    /**
     * The headers {@code GET /api/stories/caching/{case}} answers with, to see which answers the gateway's
     * micro-cache keeps; its body says how many times the stub served that path and query.
     */
    public static final Map<String, Map<String, List<String>>> CACHING = Map.ofEntries(
            Map.entry("public", Map.of("Cache-Control", List.of("public, max-age=5"))),
            Map.entry("max-age-only", Map.of("Cache-Control", List.of("max-age=5"))),
            Map.entry("shouting", Map.of("Cache-Control", List.of("PUBLIC, MAX-AGE=5"))),
            Map.entry("shared-max-age", Map.of("Cache-Control", List.of("max-age=0, s-maxage=5"))),
            Map.entry("spring-security", Map.of("Cache-Control", List.of("no-cache, no-store, max-age=0, must-revalidate"))),
            Map.entry("no-store-in-a-list", Map.of("Cache-Control", List.of("public, max-age=5, NO-STORE"))),
            Map.entry("no-store-on-a-second-line", Map.of("Cache-Control", List.of("public, max-age=5", "no-store"))),
            Map.entry("private", Map.of("Cache-Control", List.of("private, max-age=5"))),
            Map.entry("private-fields", Map.of("Cache-Control", List.of("max-age=5, private=\"Set-Cookie, X-Id\""))),
            Map.entry("no-cache-fields", Map.of("Cache-Control", List.of("max-age=5, no-cache=\"Set-Cookie\""))),
            Map.entry("set-cookie", Map.of("Cache-Control", List.of("public, max-age=5"), "Set-Cookie", List.of("a=b"))),
            Map.entry("vary", Map.of("Cache-Control", List.of("public, max-age=5"), "Vary", List.of("Accept-Language"))),
            Map.entry("unmarked", Map.of()),
            Map.entry("unreadable-age", Map.of("Cache-Control", List.of("public, max-age=5s"))),
            Map.entry("one-second", Map.of("Cache-Control", List.of("public, max-age=1"))),
            // an answer of ~100 KB written in 50 pieces, so the gateway receives it in several buffers
            Map.entry("large", Map.of("Cache-Control", List.of("public, max-age=5"))),
            // answered after half a second, so that readers arrive while the first is being fetched
            Map.entry("slow-public", Map.of("Cache-Control", List.of("public, max-age=5"))),
            Map.entry("slow-private", Map.of("Cache-Control", List.of("private, max-age=5"))),
            Map.entry("not-found", Map.of("Cache-Control", List.of("public, max-age=5"))));

    /** How many times the stub served this path and query (for example {@code /api/stories/caching/public?page=2}). */
    public static int timesServed(String pathAndQuery) {
        return SERVED.getOrDefault(pathAndQuery, 0);
    }

    private StubService() {
    }

    /** How many POST requests reached the stub, whatever their path. */
    public static int writesReceived() {
        return WRITES.get();
    }

    /** How many reports of the story reached the stub. */
    public static int reportsReceived(String storyId) {
        return REPORTS.getOrDefault(storyId, 0);
    }

    public static DisposableServer start() {
        // its own event loop: a gateway that stops disposes Reactor Netty's global ones
        return HttpServer.create().runOn(LoopResources.create("stub-service", 1, true)).host("127.0.0.1").port(0)
                .route(routes -> routes
                        // never matches: counts every POST, whichever route below answers it
                        .route(request -> {
                            if (request.method().name().equals("POST")) {
                                WRITES.incrementAndGet();
                            }
                            return false;
                        }, (request, response) -> response.send())
                        .post("/api/stories", (request, response) -> request.receive().aggregate().asString()
                                .defaultIfEmpty("")
                                .flatMap(body -> response.status(201).header("Content-Type", "application/json")
                                        .sendString(Mono.just("{\"received\":" + body.length() + "}")).then()))
                        // a report of a story whose id starts with zeros is of no published story, as the service says
                        .post("/api/stories/{id}/reports", (request, response) -> {
                            String id = request.param("id");
                            REPORTS.merge(id, 1, Integer::sum);
                            return request.receive().then(response.status(id.startsWith("00000000") ? 404 : 202)
                                    .send());
                        })
                        .get("/api/stories/caching/{case}", (request, response) -> {
                            int served = SERVED.merge(request.uri(), 1, Integer::sum);
                            Map<String, List<String>> headers = CACHING.getOrDefault(request.param("case"), Map.of());
                            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                            if ("large".equals(request.param("case"))) {
                                return response.header("Content-Type", "application/json").sendString(Flux.concat(
                                        Mono.just("{\"served\":" + served + ",\"pieces\":["),
                                        Flux.range(0, 50).map(i -> (i == 0 ? "" : ",") + "\"" + i + "-" + "x".repeat(2000) + "\""),
                                        Mono.just("]}"))).then();
                            }
                            Duration delay = request.param("case").startsWith("slow-")
                                    ? Duration.ofMillis(500) : Duration.ZERO;
                            return Mono.delay(delay).then(response
                                    .status("not-found".equals(request.param("case")) ? 404 : 200)
                                    .header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"served\":" + served + "}")).then());
                        })
                        .put("/api/stories/manage", (request, response) -> request.receive().then(response
                                .status(200).header("Content-Type", "application/json").sendString(Mono.just("{}"))
                                .then()))
                        .put("/api/stories/manage/slow", (request, response) -> request.receive()
                                .then(Mono.delay(Duration.ofSeconds(5))).then(response.status(200).send().then()))
                        .get("/api/stories/slow", (request, response) ->
                                Mono.delay(Duration.ofSeconds(5)).then(response.sendString(Mono.just("late")).then()))
                        .get("/api/stories/hang-up", (request, response) ->
                                response.withConnection(connection -> connection.dispose()).then())
                        // the trace headers that reached the service
                        .get("/api/stories/trace-headers", (request, response) -> response
                                .header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"traceparent\":\"%s\",\"b3\":\"%s\"}".formatted(
                                        request.requestHeaders().get("traceparent", ""),
                                        request.requestHeaders().get("b3", "")))))
                        .get("/api/stories", (request, response) -> response.header("Content-Type", "application/json")
                                .header("Cache-Control", "max-age=60").sendString(Mono.just("{\"stories\":[]}")))
                        .route(request -> request.uri().startsWith("/api/admin/"), (request, response) -> response
                                .header("Content-Type", "application/json")
                                .header("Cache-Control", "max-age=600")
                                .sendString(Mono.just("{\"bearer\":" + request.requestHeaders().get("Authorization", "")
                                        .startsWith("Bearer ey") + ",\"tokenFingerprint\":\""
                                        + Integer.toHexString(request.requestHeaders().get("Authorization", "").hashCode())
                                        + "\",\"cookie\":"
                                        + request.requestHeaders().contains("Cookie") + ",\"forwardedFor\":"
                                        + (request.requestHeaders().contains("X-Forwarded-For")
                                        || request.requestHeaders().contains("Forwarded")) + "}"))))
                .bindNow();
    }
}
