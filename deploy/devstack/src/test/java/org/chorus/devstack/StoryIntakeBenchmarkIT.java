package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.chorus.testsupport.BenchmarkReport;
import org.chorus.testsupport.CpuTime;
import org.chorus.testsupport.LogFile;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * Story intake at a fixed arrival rate through the gateway (an open model: a slow answer does not slow the arrivals,
 * and each latency counts from when the request was due, so queueing is not hidden), each submission as the site
 * sends it: a challenge, its solution, the story (with a contact address, so notifications-service queues a receipt
 * for each story it consumes). Reports p50/p99/max, errors, stories stored, events consumed, and the lag from a
 * story's commit to its consumption. Not a test: run it with {@code deploy/devstack/bench/suite.sh story-intake}.
 *
 * <p>The rate limit is off (one client is the whole load) and the proof-of-work's difficulty is 1: the gateway's
 * whole path (issuing, checking, spending) is measured, the browsers' solving is not, since it costs the readers'
 * devices and would make this machine's two cores the load generator's.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
class StoryIntakeBenchmarkIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path WORK = Path.of("target", "bench");
    /** #MeToo's 12 million responses in 24 hours at a tenfold peak: the rate Chorus must carry. */
    private static final int SURGE = 1400;
    private static final int RATE = Integer.getInteger("chorus.benchmark.rate", SURGE);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("chorus.benchmark.warmup", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("chorus.benchmark.duration", 60));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    // below saturation, so both paths answer every story and their CPU per story compares what observing costs
    private static final int COMPARE_RATE = Integer.getInteger("chorus.benchmark.compare-rate", 40);
    private static final Duration COMPARE = Duration.ofSeconds(Long.getLong("chorus.benchmark.compare-duration", 30));

    private static Devstack devstack;
    private static Devstack.Instance unobservedStories;
    private static Devstack.Instance unobservedGateway;

    @BeforeAll
    static void startThePlatform() throws Exception {
        System.setProperty("chorus.devstack.sampling", "0.1");
        System.setProperty("chorus.devstack.args.gateway", "--chorus.rate-limit.enabled=false "
                + "--chorus.proof-of-work.difficulty=1 --chorus.proof-of-work.max-difficulty=1");
        devstack = Devstack.start(DevstackPorts.free(), WORK.resolve("devstack-intake"), true,
                name -> new LogFile(WORK.resolve("logs").resolve(name + ".log")));
        // a gateway and a stories-service with every observation off, beside the observed ones, on the same
        // database, Kafka and notifications-service
        unobservedStories = devstack.startInstance("stories", "stories-unobserved",
                GatewayReadPathBenchmarkIT.UNOBSERVED);
        List<String> gateway = new ArrayList<>(GatewayReadPathBenchmarkIT.UNOBSERVED);
        gateway.add("--chorus.services.stories=" + unobservedStories.url());
        unobservedGateway = devstack.startInstance("gateway", "gateway-unobserved", gateway);
    }

    @AfterAll
    static void stopThePlatform() {
        System.clearProperty("chorus.devstack.args.gateway");
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void storiesAtAFixedRateThroughTheGateway() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<BenchmarkReport.Figure> figures = new ArrayList<>(observedAgainstUnobserved(http));

        Load warmUp = run(http, "warm", WARM_UP, RATE, devstack.gatewayUrl());
        Map<String, Long> cpuBefore = CpuSplit.sample(devstack.ports().postgres());
        long started = System.nanoTime();
        Load measured = run(http, "measured", MEASURE, RATE, devstack.gatewayUrl());
        Map<String, Double> cores = CpuSplit.cores(cpuBefore, CpuSplit.sample(devstack.ports().postgres()),
                Duration.ofNanos(System.nanoTime() - started));

        Set<UUID> created = measured.created().keySet();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> consumed(created).size() >= created.size());
        Histogram lag = lag(created);
        Histogram latency = measured.latency();
        long stored = stored(created);
        long consumed = consumed(created).size();
        long failed = measured.sent() - created.size();

        figures.add(BenchmarkReport.Figure.of("arrival rate", RATE, "stories/s"));
        figures.add(BenchmarkReport.Figure.atLeast("achieved (2xx)", created.size() / (double) MEASURE.toSeconds(),
                "stories/s", RATE));
        figures.add(BenchmarkReport.Figure.atMost("not 2xx (error or no answer in 30 s)", failed, "requests", 0));
        figures.add(BenchmarkReport.Figure.of("latency p50 from due time (challenge + submission)", ms(latency, 50),
                "ms"));
        figures.add(BenchmarkReport.Figure.atMost("latency p99", ms(latency, 99), "ms", 250));
        figures.add(BenchmarkReport.Figure.of("latency max", latency.getMaxValue() / 1000, "ms"));
        figures.add(BenchmarkReport.Figure.of("warm-up latency p99", ms(warmUp.latency(), 99), "ms"));
        figures.add(BenchmarkReport.Figure.atMost("stored - 2xx", stored - created.size(), "stories", 0));
        figures.add(BenchmarkReport.Figure.atMost("2xx - consumed", created.size() - consumed, "stories", 0));
        figures.add(BenchmarkReport.Figure.of("lag commit -> consumed p50", ms(lag, 50), "ms"));
        figures.add(BenchmarkReport.Figure.atMost("lag commit -> consumed p99", ms(lag, 99), "ms", 1000));
        cores.forEach((part, used) -> figures.add(BenchmarkReport.Figure.of("CPU " + part, used, "cores")));
        figures.addAll(atTheSurge(cores, created.size() / (double) MEASURE.toSeconds()));
        BenchmarkReport.add("story-intake", figures, List.of(
                "open model: a story due every 1/%d s for %d s after %d s of warm-up, each as the site sends it "
                        .formatted(RATE, MEASURE.toSeconds(), WARM_UP.toSeconds())
                        + "(challenge, proof at difficulty 1, story with a contact address); latencies from the due time",
                "other answers by status (-1 = no answer): " + measured.others(),
                "CPU rows: cores used by each part during the measured phase; the generator shares the machine",
                "CPU per story: a part's cores over the stories answered 2xx per second; the cores at %,d/s assume "
                        .formatted(SURGE) + "each part's CPU grows with the stories (what a run below saturation "
                        + "shows; fixed costs such as polling make it an upper bound)",
                "observed vs unobserved: the same stories at %d/s for %d s through each path, twice, interleaved; "
                        .formatted(COMPARE_RATE, COMPARE.toSeconds())
                        + "CPU per story of the gateway and stories-service (both relays publish the shared outbox, "
                        + "so the relay's work is split between them alike)"));
        assertThat(stored).as("stories stored for the 2xx answers").isEqualTo(created.size());
    }

    /**
     * Where a surge's CPU would go: each part's CPU per story, and the cores the platform (not the load generator)
     * would need at the surge's rate, for a machine or cluster that cannot run it to say what would.
     */
    private static List<BenchmarkReport.Figure> atTheSurge(Map<String, Double> cores, double achieved) {
        List<BenchmarkReport.Figure> figures = new ArrayList<>();
        if (achieved == 0) {
            return figures;
        }
        double platform = 0;
        for (Map.Entry<String, Double> part : cores.entrySet()) {
            if (!part.getKey().startsWith("load generator")) {
                platform += part.getValue() / achieved;
                figures.add(BenchmarkReport.Figure.of("CPU per story, " + part.getKey(),
                        part.getValue() / achieved * 1_000_000, "µs"));
            }
        }
        figures.add(BenchmarkReport.Figure.of("cores the platform needs at %,d stories/s".formatted(SURGE),
                platform * SURGE, "cores"));
        return figures;
    }

    /** Issue 14's cost of observing, on the write path: CPU per story, observed (10 % sampling) and not. */
    private static List<BenchmarkReport.Figure> observedAgainstUnobserved(HttpClient http) throws Exception {
        Map<String, ProcessHandle[]> paths = new LinkedHashMap<>();
        paths.put(devstack.gatewayUrl(), new ProcessHandle[] {process(devstack.pid("gateway")),
                process(devstack.pid("stories"))});
        paths.put(unobservedGateway.url(), new ProcessHandle[] {process(unobservedGateway.process().pid()),
                process(unobservedStories.process().pid())});
        for (String gateway : paths.keySet()) {
            run(http, "compare-warm", WARM_UP, COMPARE_RATE, gateway);
        }
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, ProcessHandle[]> path : paths.entrySet()) {
                long before = CpuTime.processNanos(path.getValue());
                Load load = run(http, "compare", COMPARE, COMPARE_RATE, path.getKey());
                double perStory = (CpuTime.processNanos(path.getValue()) - before) / 1000.0
                        / Math.max(1, load.created().size());
                best.merge(path.getKey(), perStory, Math::min);
            }
        }
        double observed = best.get(devstack.gatewayUrl());
        double unobserved = best.get(unobservedGateway.url());
        return List.of(
                BenchmarkReport.Figure.of("observed: CPU per story, gateway + stories-service", observed, "µs"),
                BenchmarkReport.Figure.of("unobserved: CPU per story, gateway + stories-service", unobserved, "µs"),
                BenchmarkReport.Figure.atMost("observed / unobserved CPU per story", observed / unobserved, "ratio",
                        1.05));
    }

    private static ProcessHandle process(long pid) {
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** Submissions due every 1/rate s for the duration; each one's latency counts from when it was due. */
    private static Load run(HttpClient http, String phase, Duration duration, int rate, String gateway)
            throws Exception {
        ConcurrentHistogram latency = new ConcurrentHistogram(3);
        Map<UUID, Boolean> created = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> others = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = duration.toSeconds() * rate;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String body = JSON.writeValueAsString(Map.of("text", "A story in the intake benchmark " + RUN + " " + phase,
                    "language", "en", "contactEmail", "intake-" + RUN + "-" + phase + "-" + i + "@example.org",
                    "contactConsent", true));
            pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/challenge"))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenCompose(challenge -> http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/stories"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header(ProofOfWork.HEADER, ProofOfWork.solve(challenge.body()))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()))
                    .handle((response, failure) -> {
                        latency.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                        if (failure == null && response.statusCode() == 201) {
                            created.put(UUID.fromString(JSON.readTree(response.body()).get("id").asString()), true);
                        } else {
                            others.computeIfAbsent(failure != null ? -1 : response.statusCode(), s -> new AtomicLong())
                                    .incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return new Load(total, latency, created, others);
    }

    private record Load(long sent, Histogram latency, Map<UUID, Boolean> created, Map<Integer, AtomicLong> others) {
    }

    private static long ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000;
    }

    private static long stored(Set<UUID> stories) throws Exception {
        try (Connection db = database("chorus_stories");
             var statement = db.prepareStatement("select count(*) from story where id = any(?)")) {
            statement.setArray(1, db.createArrayOf("uuid", stories.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Stories whose StorySubmitted notifications-service has consumed: it queued their receipt. */
    private static Map<UUID, Long> consumed(Set<UUID> stories) throws Exception {
        Map<UUID, Long> at = new ConcurrentHashMap<>();
        try (Connection db = database("chorus_notifications");
             var statement = db.prepareStatement("select story_id, (extract(epoch from created_at) * 1000000)::bigint "
                     + "from outgoing_mail where story_id = any(?)")) {
            statement.setArray(1, db.createArrayOf("uuid", stories.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    at.merge(rows.getObject(1, UUID.class), rows.getLong(2), Math::min);
                }
            }
        }
        return at;
    }

    private static Histogram lag(Set<UUID> stories) throws Exception {
        Map<UUID, Long> consumedAt = consumed(stories);
        Histogram lag = new Histogram(3);
        try (Connection db = database("chorus_stories");
             var statement = db.prepareStatement("select id, (extract(epoch from submitted_at) * 1000000)::bigint "
                     + "from story where id = any(?)")) {
            statement.setArray(1, db.createArrayOf("uuid", stories.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Long consumed = consumedAt.get(rows.getObject(1, UUID.class));
                    if (consumed != null) {
                        lag.recordValue(Math.max(0, consumed - rows.getLong(2)));
                    }
                }
            }
        }
        return lag;
    }

    private static Connection database(String name) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + devstack.ports().postgres() + "/" + name,
                "postgres", "postgres");
    }
}
