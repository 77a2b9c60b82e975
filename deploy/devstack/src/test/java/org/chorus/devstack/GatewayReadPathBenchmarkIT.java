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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chorus.testsupport.BenchmarkReport;
import org.chorus.testsupport.ChildProcess;
import org.chorus.testsupport.CpuTime;
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
 * The public read path {@code GET /api/stories} measured in one run six ways: straight at stories-service; through
 * the gateway as production runs it (metrics, traces sampled at 10 %), without the micro-cache and with it; through a
 * second gateway with every observation off (the cost of observability is the difference); and through nginx
 * proxying the same service, without and with a micro-cache like the gateway's. Also the directory search through the
 * gateway and straight at resources-service, the first minute of a freshly started gateway against its steady state,
 * and each service's start-up time and memory. wrk is the load. Not a test: it asserts only that every answer was a
 * 200, and adds its figures to the {@link BenchmarkReport}. Run it with {@code deploy/devstack/bench/suite.sh}.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
class GatewayReadPathBenchmarkIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path WORK = Path.of("target", "bench");
    // long enough for the JIT: a gateway loaded for 10 s was still compiling through the rounds after
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("chorus.benchmark.warmup", 30));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("chorus.benchmark.duration", 20));
    private static final Duration FIRST_MINUTE = Duration.ofSeconds(60);
    private static final int CONNECTIONS = Integer.getInteger("chorus.benchmark.connections", 32);
    private static final int ROUNDS = Integer.getInteger("chorus.benchmark.rounds", 2);
    private static final int STORIES = 40;
    private static final String UNCACHED = "--chorus.edge.micro-cache.enabled=false";
    /**
     * Every observation off: no traces, no HTTP, Kafka or Chorus timers (the JVM's own metrics stay). What production
     * leaves off anyway (Reactor copying the trace into every thread, long-task timers, Spring Cloud Gateway's client
     * observation per call) is off in both.
     */
    static final List<String> UNOBSERVED = List.of("--management.tracing.enabled=false",
            "--management.observations.enable.http=false", "--management.observations.enable.spring=false",
            "--management.observations.enable.chorus=false");

    /**
     * Gateways with settings of their own measured beside the others, to find what a cost comes from, e.g.
     * {@code -Dchorus.benchmark.gateway-variants="limited=--spring.reactor.context-propagation=limited;no-tracing=
     * --management.tracing.enabled=false"} (name=settings separated by spaces; variants separated by ";").
     */
    private static final Map<String, List<String>> VARIANTS = variants(
            System.getProperty("chorus.benchmark.gateway-variants", ""));
    /** How many requests the warmed fresh gateway sends itself before readiness. */
    private static final int WARM_UP_REQUESTS = Integer.getInteger("chorus.benchmark.warm-up-requests", 20_000);
    /** Only the story list's targets: no search, first minute, start-up or memory. */
    private static final boolean QUICK = Boolean.getBoolean("chorus.benchmark.quick");
    /**
     * Only these of the story list's targets, by name (e.g. {@code gateway,gateway-unobserved,gateway-limited}), so a
     * run that compares variants spends its minutes on them; every target when empty. The ratios need their targets.
     */
    private static final List<String> ONLY = Stream.of(System.getProperty("chorus.benchmark.targets", "").split(","))
            .map(String::strip).filter(name -> !name.isEmpty()).toList();

    private static Devstack devstack;
    private static final Map<String, ChildProcess> extra = new LinkedHashMap<>();
    private static final Map<String, Integer> extraPorts = new LinkedHashMap<>();

    @BeforeAll
    static void startThePlatformWithPublishedStoriesAndNginxBesideIt() throws Exception {
        // the devstack's gateway observes as production does: metrics, and traces sampled at 10 %; its micro-cache
        // is off, so that it measures the proxy path, and a second gateway has it on
        System.setProperty("chorus.devstack.sampling", "0.1");
        System.setProperty("chorus.devstack.args.gateway", UNCACHED);
        devstack = Devstack.start(DevstackPorts.free(), WORK.resolve("devstack"), true,
                name -> new LogFile(WORK.resolve("logs").resolve(name + ".log")));
        publishStories();
        startNginx("nginx", false);
        startNginx("nginx-cached", true);
        startGateway("gateway-cached", List.of("--chorus.edge.micro-cache.enabled=true"));
        startGateway("gateway-unobserved", UNOBSERVED);
        VARIANTS.forEach(GatewayReadPathBenchmarkIT::startGateway);
    }

    @AfterAll
    static void stopEverything() {
        System.clearProperty("chorus.devstack.args.gateway");
        extra.values().forEach(ChildProcess::close);
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void publicStoryListDirectThroughTheGatewayAndThroughNginx() throws Exception {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("direct", "http://127.0.0.1:" + devstack.ports().stories() + "/api/stories");
        targets.put("gateway", "http://127.0.0.1:" + devstack.ports().gateway() + "/api/stories");
        targets.put("gateway-unobserved", url("gateway-unobserved", "/api/stories"));
        targets.put("nginx", url("nginx", "/api/stories"));
        targets.put("gateway-cached", url("gateway-cached", "/api/stories"));
        targets.put("nginx-cached", url("nginx-cached", "/api/stories"));
        Map<String, ProcessHandle> proxies = new LinkedHashMap<>();
        proxies.put("direct", ProcessHandle.of(devstack.pid("stories")).orElseThrow());
        proxies.put("gateway", ProcessHandle.of(devstack.pid("gateway")).orElseThrow());
        proxies.put("gateway-unobserved", ProcessHandle.of(extra.get("gateway-unobserved").pid()).orElseThrow());
        proxies.put("gateway-cached", ProcessHandle.of(extra.get("gateway-cached").pid()).orElseThrow());
        proxies.put("nginx", ProcessHandle.of(extra.get("nginx").pid()).orElseThrow());
        proxies.put("nginx-cached", ProcessHandle.of(extra.get("nginx-cached").pid()).orElseThrow());
        VARIANTS.keySet().forEach(name -> {
            targets.put(name, url(name, "/api/stories"));
            proxies.put(name, ProcessHandle.of(extra.get(name).pid()).orElseThrow());
        });
        if (!ONLY.isEmpty()) {
            targets.keySet().retainAll(ONLY);
        }
        Map<String, Measured> best = measure(targets, proxies);

        List<BenchmarkReport.Figure> figures = new ArrayList<>();
        best.forEach((name, measured) -> {
            figures.add(BenchmarkReport.Figure.of(name + " req/s", measured.wrk().requestsPerSecond(), "req/s"));
            figures.add(BenchmarkReport.Figure.of(name + " p99", measured.wrk().p99Millis(), "ms"));
            figures.add(BenchmarkReport.Figure.of(name + " CPU per request (proxy or service process)",
                    measured.cpuMicrosPerRequest(), "µs"));
        });
        ratio(best, "gateway", "direct", throughput()).ifPresent(ratio -> figures.add(
                BenchmarkReport.Figure.atLeast("gateway / direct, no cache", ratio, "ratio", 0.85)));
        ratio(best, "gateway-cached", "nginx-cached", throughput()).ifPresent(ratio -> figures.add(
                BenchmarkReport.Figure.atLeast("gateway-cached / nginx-cached", ratio, "ratio", 1.0)));
        for (String observed : observedGateways(best.keySet())) {
            ratio(best, observed, "gateway-unobserved", throughput()).ifPresent(ratio -> figures.add(
                    BenchmarkReport.Figure.atLeast(observed + " / unobserved, throughput", ratio, "ratio", 0.95)));
            ratio(best, observed, "gateway-unobserved", Measured::cpuMicrosPerRequest).ifPresent(ratio -> figures.add(
                    BenchmarkReport.Figure.atMost(observed + " / unobserved, CPU per request", ratio, "ratio",
                            1.05)));
        }
        if (!QUICK) {
            figures.addAll(searchThroughTheGateway());
            figures.addAll(firstMinuteOfAFreshGateway());
            figures.addAll(startUpAndMemory());
        }
        BenchmarkReport.add("read-path", figures, List.of(
                "wrk -t2 -c%d, %d s per target after %d s of warm-up, %d interleaved rounds, best round reported"
                        .formatted(CONNECTIONS, MEASURE.toSeconds(), WARM_UP.toSeconds(), ROUNDS),
                "wrk, the services, Kafka, Keycloak and PostgreSQL share this machine's cores",
                "observed = metrics + traces sampled at 10 % (production's settings); unobserved = tracing, HTTP "
                        + "observations and the gateway's own observability off",
                "CPU per request counts the process answering (the gateway or nginx, or stories-service for "
                        + "direct), not the service behind a proxy"));
    }

    /** The gateway as production runs it, and each variant: what is compared with the unobserved gateway. */
    private static List<String> observedGateways(Set<String> measured) {
        return Stream.concat(Stream.of("gateway"), VARIANTS.keySet().stream()).filter(measured::contains).toList();
    }

    private static ToDoubleFunction<Measured> throughput() {
        return measured -> measured.wrk().requestsPerSecond();
    }

    /** {@code numerator / denominator} of a figure, when both targets were measured. */
    private static Optional<Double> ratio(Map<String, Measured> best, String numerator, String denominator,
                                                    ToDoubleFunction<Measured> figure) {
        if (!best.containsKey(numerator) || !best.containsKey(denominator)) {
            return Optional.empty();
        }
        return Optional.of(figure.applyAsDouble(best.get(numerator))
                / figure.applyAsDouble(best.get(denominator)));
    }

    private static Map<String, List<String>> variants(String spec) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (String variant : spec.split(";")) {
            String[] nameAndSettings = variant.strip().split("=", 2);
            if (nameAndSettings.length == 2) {
                variants.put("gateway-" + nameAndSettings[0], List.of(nameAndSettings[1].strip().split("\\s+")));
            }
        }
        return variants;
    }

    private record Measured(Wrk.Result wrk, double cpuMicrosPerRequest) {
    }

    /** Interleaved rounds, so drift on a noisy machine hits every target alike; the best round of each is kept. */
    private static Map<String, Measured> measure(Map<String, String> targets, Map<String, ProcessHandle> processes)
            throws Exception {
        for (String url : targets.values()) {
            Wrk.run(url, CONNECTIONS, WARM_UP, null);
        }
        Map<String, Measured> best = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Map.Entry<String, String> target : targets.entrySet()) {
                ProcessHandle process = processes.get(target.getKey());
                long cpuBefore = CpuTime.treeNanos(process);
                Wrk.Result result = Wrk.run(target.getValue(), CONNECTIONS, MEASURE, null);
                double cpuPerRequest = (CpuTime.treeNanos(process) - cpuBefore) / 1000.0
                        / Math.max(1, result.requests());
                assertThat(result.non2xx()).as("%s answered with errors", target.getKey()).isZero();
                System.out.printf("round %d %-20s %s, %.0f µs CPU per request%n", round, target.getKey(), result,
                        cpuPerRequest);
                best.merge(target.getKey(), new Measured(result, cpuPerRequest),
                        (a, b) -> a.wrk().requestsPerSecond() >= b.wrk().requestsPerSecond() ? a : b);
            }
        }
        return best;
    }

    /** The directory search a person looking for help runs, through the gateway and straight at the service. */
    private static List<BenchmarkReport.Figure> searchThroughTheGateway() throws Exception {
        String query = "/api/resources/search?latitude=40.7128&longitude=-74.0060&radius_km=50";
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("search direct", "http://127.0.0.1:" + devstack.ports().resources() + query);
        targets.put("search gateway", "http://127.0.0.1:" + devstack.ports().gateway() + query);
        Map<String, Measured> best = measure(targets, Map.of(
                "search direct", ProcessHandle.of(devstack.pid("resources")).orElseThrow(),
                "search gateway", ProcessHandle.of(devstack.pid("gateway")).orElseThrow()));
        double direct = best.get("search direct").wrk().requestsPerSecond();
        double gateway = best.get("search gateway").wrk().requestsPerSecond();
        return List.of(BenchmarkReport.Figure.of("search direct req/s", direct, "req/s"),
                BenchmarkReport.Figure.of("search direct p99", best.get("search direct").wrk().p99Millis(), "ms"),
                BenchmarkReport.Figure.of("search gateway req/s", gateway, "req/s"),
                BenchmarkReport.Figure.of("search gateway p99", best.get("search gateway").wrk().p99Millis(), "ms"),
                BenchmarkReport.Figure.of("search gateway / direct", gateway / direct, "ratio"));
    }

    /**
     * A gateway started now, as a new pod in a surge would be, loaded from the moment it is ready: its first minute
     * against the same gateway's steady state afterwards; once cold, once warmed before readiness (the default in
     * production, off in the devstack).
     */
    private static List<BenchmarkReport.Figure> firstMinuteOfAFreshGateway() throws Exception {
        List<BenchmarkReport.Figure> figures = new ArrayList<>();
        for (boolean warmed : List.of(false, true)) {
            String name = warmed ? "gateway-warmed" : "gateway-cold";
            startGateway(name, List.of("--chorus.edge.warm-up.requests=" + (warmed ? WARM_UP_REQUESTS : 0)));
            String url = url(name, "/api/stories");
            Wrk.Result first = Wrk.run(url, CONNECTIONS, FIRST_MINUTE, null);
            Wrk.Result steady = Wrk.run(url, CONNECTIONS, MEASURE, null);
            assertThat(first.non2xx() + steady.non2xx()).as("%s answered with errors", name).isZero();
            extra.remove(name).close();
            figures.add(BenchmarkReport.Figure.of(name + ", first minute req/s", first.requestsPerSecond(), "req/s"));
            figures.add(BenchmarkReport.Figure.of(name + ", first minute p99", first.p99Millis(), "ms"));
            figures.add(BenchmarkReport.Figure.of(name + ", steady req/s", steady.requestsPerSecond(), "req/s"));
            figures.add(BenchmarkReport.Figure.atLeast(name + ", first minute / steady",
                    first.requestsPerSecond() / steady.requestsPerSecond(), "ratio", 0.8));
            Double seconds = startUpSeconds(name);
            if (seconds != null) {
                figures.add(BenchmarkReport.Figure.of(name + ", start-up to ready (the others idle)", seconds, "s"));
            }
        }
        return figures;
    }

    /** Each service's start-up as Spring Boot logged it ("process running for"), and its resident memory now. */
    private static List<BenchmarkReport.Figure> startUpAndMemory() throws IOException {
        List<BenchmarkReport.Figure> figures = new ArrayList<>();
        for (String name : List.of("stories", "resources", "notifications", "gateway")) {
            Double seconds = startUpSeconds(name);
            if (seconds != null) {
                figures.add(BenchmarkReport.Figure.of(name + " start-up (devstack, all starting together)", seconds,
                        "s"));
            }
            figures.add(BenchmarkReport.Figure.of(name + " resident memory after the load",
                    residentMegabytes(devstack.pid(name)), "MB"));
        }
        return figures;
    }

    /** The last start logged (a log file is appended to, run after run). */
    private static Double startUpSeconds(String log) throws IOException {
        Matcher started = Pattern.compile("process running for ([0-9.]+)\\)")
                .matcher(Files.readString(WORK.resolve("logs").resolve(log + ".log")));
        Double seconds = null;
        while (started.find()) {
            seconds = Double.parseDouble(started.group(1));
        }
        return seconds;
    }

    private static double residentMegabytes(long pid) throws IOException {
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB")
                .matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        return rss.find() ? Long.parseLong(rss.group(1)) / 1024.0 : 0;
    }

    private static String url(String name, String path) {
        return "http://127.0.0.1:" + extraPorts.get(name) + path;
    }

    /** Another gateway like the devstack's (same JVM options and routes), with some settings of its own. */
    private static void startGateway(String name, List<String> settings) {
        Devstack.Instance gateway = devstack.startInstance("gateway", name, settings);
        extra.put(name, gateway.process());
        extraPorts.put(name, gateway.port());
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

    /**
     * nginx as one would put it in front of a service: upstream keep-alive, and with {@code cached} a micro-cache
     * that, like the gateway's, keeps what the service marked cacheable for at most 5 s (nginx honours the service's
     * {@code Cache-Control} and never keeps an answer with {@code Set-Cookie}).
     */
    private static void startNginx(String name, boolean cached) throws IOException {
        int port = Ports.free();
        Path prefix = WORK.resolve(name).toAbsolutePath();
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("cache"));
        String cache = cached ? """
                    proxy_cache_path %s/cache keys_zone=micro:10m max_size=64m inactive=10s;
                """.formatted(prefix) : "";
        String useCache = cached ? """
                            proxy_cache micro;
                            proxy_cache_valid 200 5s;
                            proxy_cache_lock on;
                            proxy_cache_use_stale updating;
                """ : "";
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
                %4$s
                    upstream stories { server 127.0.0.1:%2$d; keepalive 64; }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://stories;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                %5$s
                        }
                    }
                }
                """.formatted(prefix, devstack.ports().stories(), port, cache, useCache));
        ChildProcess nginx = ChildProcess.start(name, new ProcessBuilder("nginx", "-p", prefix.toString(),
                "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;"), line -> { });
        extra.put(name, nginx);
        extraPorts.put(name, port);
        Readiness.await(nginx, URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"),
                Duration.ofSeconds(30));
    }
}
