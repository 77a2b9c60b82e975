package org.chorus.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.InfrastructureInitializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import reactor.core.publisher.Hooks;

/**
 * A reproducible load measurement, not a test of behaviour: the service on a real port with its real database and
 * broker, 64 concurrent clients, each request a real HTTP round trip. Off unless asked for:
 * {@code ./mvnw -B -q -pl stories-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=StoriesBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dchorus.benchmark=true}.
 * Results go to stdout and {@code stories-service/target/benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
class StoriesBenchmarkIT {

    private static final int CONCURRENCY = 64;
    private static final int REQUESTS = Integer.getInteger("chorus.benchmark.requests", 5_000);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    private final HttpClient client = HttpClient.newBuilder().build();

    @Test
    void submissionsListAndSearchAtConcurrency64() throws Exception {
        // spring-security-test hooks every Reactor operator in this JVM to carry a test security context; the
        // service never runs with it, so it must not be measured (it cost several percent of the CPU per request)
        Hooks.resetOnLastOperator(SecurityContext.class.getName());
        String story = "{\"text\":\"" + "I was nineteen and I told no one. ".repeat(30)
                + "\",\"language\":\"en\",\"contentWarnings\":[\"sexual-violence\"],\"themes\":[\"speaking-up\"],"
                + "\"namedAs\":\"pseudonym\",\"name\":\"Bench\","
                + "\"contactEmail\":\"bench@example.org\",\"contactConsent\":true,\"consents\":{\"publishOnSite\":true}}";
        run("warm-up", 500, i -> post("/api/stories", story));
        List<String> results = new ArrayList<>();
        results.add(run("submit", REQUESTS, i -> post("/api/stories", story)));
        publishSome(1_000);
        results.add(run("list", REQUESTS, i -> get("/api/stories?language=en&exclude_warning=self-harm")));
        results.add(run("search", REQUESTS, i -> get("/api/stories?q=nineteen+told")));
        String report = String.join("\n", results) + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target/benchmark.txt"), report, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private String run(String name, int requests, IntFunction<HttpRequest> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long jvmCpuBefore = jvmCpuNanos();
        long postgresCpuBefore = postgresCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    try {
                        int status = client.send(request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status >= 300) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies.add(System.nanoTime() - sent);
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpuPerRequest = (jvmCpuNanos() - jvmCpuBefore) / 1e6 / requests;
        double postgresCpuPerRequest = (postgresCpuNanos() - postgresCpuBefore) / 1e6 / requests;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        assertThat(failures.get()).as(name + " failures").isZero();
        return ("%-8s %6d requests in %6.1f s = %7.0f req/s; p50 %5.1f ms, p99 %6.1f ms (concurrency %d);"
                + " CPU per request: JVM %.2f ms, PostgreSQL %.2f ms").formatted(
                name, requests, seconds, requests / seconds, millis(sorted, 0.50), millis(sorted, 0.99), CONCURRENCY,
                jvmCpuPerRequest, postgresCpuPerRequest);
    }

    /**
     * CPU time, unlike req/s, hardly depends on what else the machine runs, so it compares runs on a shared machine.
     * This JVM holds the service, the load client and the embedded Kafka broker.
     */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The test's PostgreSQL server (the postmaster listening on its port) and its processes; the pooled backends
     * live through a phase. Zero when the server is not a local process (a container).
     */
    private static long postgresCpuNanos() {
        String port = String.valueOf(Infrastructure.postgres().port());
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false)
                        && process.info().arguments().map(arguments -> Arrays.asList(arguments).contains(port)).orElse(false))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** Moderation is not what is measured: a thousand stories are put up directly, as publishing would. */
    private void publishSome(int count) {
        db.sql("""
                        with chosen as (
                            update story set status = 'PUBLISHED', version = version + 1
                            where id in (select id from story where status = 'SUBMITTED' limit :count)
                            returning id, language, content_warnings)
                        insert into published_story (story_id, language, title, text, content_warnings, published_at)
                        select id, language, null, :text, content_warnings, now() from chosen""")
                .bind("count", count)
                .bind("text", "I was nineteen and I told no one. ".repeat(30))
                .then().block();
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }
}
