package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorus.testsupport.ChildProcess;
import org.chorus.testsupport.ChorusHome;
import org.chorus.testsupport.DevUsers;
import org.chorus.testsupport.LogFile;
import org.chorus.testsupport.Ports;
import org.chorus.testsupport.Readiness;
import org.chorus.testsupport.Wrk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public read path {@code GET /api/stories} measured in one run three ways: straight at stories-service, through
 * the gateway, and through nginx proxying the same service, with wrk as the load. Not a test: it asserts only that
 * every answer was a 200, and prints the figures. Run it with {@code deploy/devstack/bench/gateway-read-path.sh}.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
class GatewayReadPathBenchmarkIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path WORK = Path.of("target", "bench");
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("chorus.benchmark.warmup", 10));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("chorus.benchmark.duration", 20));
    private static final int CONNECTIONS = Integer.getInteger("chorus.benchmark.connections", 32);
    private static final int ROUNDS = Integer.getInteger("chorus.benchmark.rounds", 2);
    private static final int STORIES = 40;

    private static Devstack devstack;
    private static ChildProcess nginx;
    private static int nginxPort;
    private static ChildProcess unobservedGateway;
    private static int unobservedGatewayPort;

    @BeforeAll
    static void startThePlatformWithPublishedStoriesAndNginxBesideIt() throws Exception {
        // the devstack's gateway observes as production does: metrics, and traces sampled at 10 %
        System.setProperty("chorus.devstack.sampling", "0.1");
        devstack = Devstack.start(DevstackPorts.free(), WORK.resolve("devstack"), true,
                name -> new LogFile(WORK.resolve("logs").resolve(name + ".log")));
        publishStories();
        nginxPort = Ports.free();
        nginx = startNginx(devstack.ports().stories(), nginxPort);
        Readiness.await(nginx, URI.create("http://127.0.0.1:" + nginxPort + "/actuator/health/readiness"),
                Duration.ofSeconds(30));
        unobservedGatewayPort = Ports.free();
        unobservedGateway = startUnobservedGateway(unobservedGatewayPort);
        Readiness.await(unobservedGateway, URI.create("http://127.0.0.1:" + unobservedGatewayPort
                + "/actuator/health/readiness"), Duration.ofMinutes(2));
    }

    /**
     * A second gateway like the devstack's, same JVM options and routes, with every observation off (no HTTP
     * metrics, no tracing, no observed calls to services): the cost of observability is the difference between the two.
     */
    private static ChildProcess startUnobservedGateway(int port) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(ChorusHome.root().resolve("gateway/target"))) {
            jar = files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(Devstack.serviceJvm());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.profiles.active=development",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:" + devstack.ports().keycloak()
                        + "/realms/chorus",
                "--chorus.services.stories=http://localhost:" + devstack.ports().stories(),
                "--chorus.services.resources=http://localhost:" + devstack.ports().resources(),
                "--chorus.services.notifications=http://localhost:" + devstack.ports().notifications(),
                "--management.tracing.enabled=false", "--management.observations.enable.http=false",
                "--spring.cloud.gateway.server.webflux.observability.enabled=false"));
        command.addAll(List.of(System.getProperty("chorus.devstack.args.gateway", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        return ChildProcess.java("gateway-unobserved", command,
                new LogFile(WORK.resolve("logs").resolve("gateway-unobserved.log")));
    }

    @AfterAll
    static void stopEverything() {
        if (unobservedGateway != null) {
            unobservedGateway.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void publicStoryListDirectThroughTheGatewayAndThroughNginx() throws Exception {
        Map<String, String> targets = Map.of(
                "direct", "http://127.0.0.1:" + devstack.ports().stories() + "/api/stories",
                "gateway", "http://127.0.0.1:" + devstack.ports().gateway() + "/api/stories",
                "gateway-unobserved", "http://127.0.0.1:" + unobservedGatewayPort + "/api/stories",
                "nginx", "http://127.0.0.1:" + nginxPort + "/api/stories");
        List<String> order = List.of("direct", "gateway", "gateway-unobserved", "nginx");
        for (String name : order) {
            Wrk.run(targets.get(name), CONNECTIONS, WARM_UP, null);
        }
        // interleaved rounds, so drift on a noisy machine hits every target alike; the best round of each is reported
        Map<String, Wrk.Result> best = new java.util.HashMap<>();
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (String name : order) {
                Wrk.Result result = Wrk.run(targets.get(name), CONNECTIONS, MEASURE, null);
                assertThat(result.non2xx()).as("%s answered with errors", name).isZero();
                lines.add("round %d %-18s %s".formatted(round, name, result));
                best.merge(name, result, (a, b) -> a.requestsPerSecond() >= b.requestsPerSecond() ? a : b);
            }
        }
        double direct = best.get("direct").requestsPerSecond();
        double gateway = best.get("gateway").requestsPerSecond();
        double proxied = best.get("nginx").requestsPerSecond();
        lines.add("best     direct   %s".formatted(best.get("direct")));
        lines.add("best     gateway  %s".formatted(best.get("gateway")));
        lines.add("best     nginx    %s".formatted(best.get("nginx")));
        double unobserved = best.get("gateway-unobserved").requestsPerSecond();
        lines.add("best     gateway-unobserved  %s".formatted(best.get("gateway-unobserved")));
        lines.add("gateway observed (metrics, traces at 10 %%) / unobserved = %.3f (goal >= 0.95)"
                .formatted(gateway / unobserved));
        lines.add("gateway/direct = %.2f (goal >= 0.85)   gateway/nginx = %.2f (goal >= 1.0)"
                .formatted(gateway / direct, gateway / proxied));
        lines.add("wrk -t2 -c%d -d%ds, %d cores, load average %s".formatted(CONNECTIONS, MEASURE.toSeconds(),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip()));
        Files.write(WORK.resolve("gateway-read-path.txt"), lines);
        lines.forEach(System.out::println);
    }

    /** Stories straight into stories-service (the gateway would rate-limit the seeding), then published. */
    private static void publishStories() throws Exception {
        String stories = "http://127.0.0.1:" + devstack.ports().stories();
        String token = DevUsers.accessToken(devstack.keycloak(), "moderator");
        for (int i = 0; i < STORIES; i++) {
            String submitted = send(HttpRequest.newBuilder(URI.create(stories + "/api/stories"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "title", "Benchmark story " + i, "language", "en",
                            "text", "A story written for the benchmark, long enough to look like one. ".repeat(20),
                            "consents", Map.of("publishOnSite", true))))), 201);
            String id = JSON.readTree(submitted).get("id").asString();
            String moderated = send(HttpRequest.newBuilder(URI.create(stories + "/api/admin/stories/" + id))
                    .header("Authorization", "Bearer " + token).GET(), 200);
            int version = JSON.readTree(moderated).get("version").asInt();
            send(HttpRequest.newBuilder(URI.create(stories + "/api/admin/stories/" + id + "/publication"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}")), 200);
        }
    }

    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    /** nginx as a plain reverse proxy with upstream keep-alive, the way one would put it in front of a service. */
    private static ChildProcess startNginx(int upstreamPort, int port) throws IOException {
        Path prefix = WORK.resolve("nginx").toAbsolutePath();
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log %1$s/logs/access.log combined buffer=64k;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp;
                    fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp;
                    scgi_temp_path %1$s/tmp;
                    upstream stories { server 127.0.0.1:%2$d; keepalive 64; }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://stories;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                        }
                    }
                }
                """.formatted(prefix, upstreamPort, port));
        return ChildProcess.start("nginx", new ProcessBuilder("nginx", "-p", prefix.toString(),
                "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;"), line -> { });
    }
}
