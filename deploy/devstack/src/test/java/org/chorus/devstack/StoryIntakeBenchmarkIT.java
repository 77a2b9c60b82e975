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
 * story's commit to its consumption. Not a test: run it with {@code deploy/devstack/bench/story-intake.sh}.
 *
 * <p>The rate limit is off (one client is the whole load) and the proof-of-work's difficulty is 1: the gateway's
 * whole path (issuing, checking, spending) is measured, the browsers' solving is not, since it costs the readers'
 * devices and would make this machine's two cores the load generator's.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
class StoryIntakeBenchmarkIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path WORK = Path.of("target", "bench");
    private static final int RATE = Integer.getInteger("chorus.benchmark.rate", 1400);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("chorus.benchmark.warmup", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("chorus.benchmark.duration", 60));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static Devstack devstack;

    @BeforeAll
    static void startThePlatform() throws Exception {
        System.setProperty("chorus.devstack.args.gateway", "--chorus.rate-limit.enabled=false "
                + "--chorus.proof-of-work.difficulty=1 --chorus.proof-of-work.max-difficulty=1");
        devstack = Devstack.start(DevstackPorts.free(), WORK.resolve("devstack-intake"), true,
                name -> new LogFile(WORK.resolve("logs").resolve(name + ".log")));
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
        Load warmUp = run(http, "warm", WARM_UP);
        Load measured = run(http, "measured", MEASURE);

        Set<UUID> created = measured.created().keySet();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> consumed(created).size() >= created.size());
        Histogram lag = lag(created);
        Histogram latency = measured.latency();
        long stored = stored(created);

        List<String> lines = new ArrayList<>();
        lines.add("story intake, open model, %d/s for %ds after %ds of warm-up, through the gateway"
                .formatted(RATE, MEASURE.toSeconds(), WARM_UP.toSeconds()));
        lines.add("sent %d, answered 2xx %d, other answers %s, achieved %.0f/s".formatted(measured.sent(),
                created.size(), measured.others(), created.size() / (double) MEASURE.toSeconds()));
        lines.add("latency from due time (challenge + submission): p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms (goal p99 <= 250)"
                .formatted(ms(latency, 50), ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1000));
        lines.add("warm-up: p50 %d ms, p99 %d ms, 2xx %d of %d".formatted(ms(warmUp.latency(), 50),
                ms(warmUp.latency(), 99), warmUp.created().size(), warmUp.sent()));
        lines.add("stored %d = 2xx %d = consumed %d".formatted(stored, created.size(), consumed(created).size()));
        lines.add("lag, story committed -> consumed by notifications: p50 %d ms, p99 %d ms, max %d ms (goal p99 <= 1000)"
                .formatted(ms(lag, 50), ms(lag, 99), lag.getMaxValue() / 1000));
        lines.add("%d cores, load average %s".formatted(Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip()));
        Files.createDirectories(WORK);
        Files.write(WORK.resolve("story-intake.txt"), lines);
        lines.forEach(System.out::println);
        assertThat(stored).as("stories stored for the 2xx answers").isEqualTo(created.size());
    }

    /** Submissions due every 1/RATE s for the duration; each one's latency counts from when it was due. */
    private static Load run(HttpClient http, String phase, Duration duration) throws Exception {
        String gateway = devstack.gatewayUrl();
        ConcurrentHistogram latency = new ConcurrentHistogram(3);
        Map<UUID, Boolean> created = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> others = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        long period = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        long total = duration.toSeconds() * RATE;
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
