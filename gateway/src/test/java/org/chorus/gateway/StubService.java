package org.chorus.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private StubService() {
    }

    /** How many reports of the story reached the stub. */
    public static int reportsReceived(String storyId) {
        return REPORTS.getOrDefault(storyId, 0);
    }

    public static DisposableServer start() {
        // its own event loop: a gateway that stops disposes Reactor Netty's global ones
        return HttpServer.create().runOn(LoopResources.create("stub-service", 1, true)).host("127.0.0.1").port(0)
                .route(routes -> routes
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
                        .get("/api/stories/slow", (request, response) ->
                                Mono.delay(Duration.ofSeconds(5)).then(response.sendString(Mono.just("late")).then()))
                        .get("/api/stories/hang-up", (request, response) ->
                                response.withConnection(connection -> connection.dispose()).then())
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
