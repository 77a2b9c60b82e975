package org.chorus.resources.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.resources.geo.ZipCentroids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Hooks;

/**
 * Not a timed test: a benchmark, run on demand, on a database of its own:
 * {@code ./mvnw -B -pl resources-service -am verify -Dit.test=SearchBenchmarkIT -Dbenchmark=true
 * -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 * It fills the directory with 100,000 services spread over the ZIP areas (so dense where people live; a quarter of
 * them with a second location elsewhere; each with a phone and weekday hours), then times
 * POST /api/resources/search by ZIP, 40 km, two filters, through the whole WebFlux stack, and prints the query plan.
 */
@ResourcesIntegrationTest
@Import(SearchBenchmarkIT.ServerTiming.class)
@TestPropertySource(properties = "chorus.test.database=chorus_resources_benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SearchBenchmarkIT {

    private static final int SERVICES = 100_000;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    DirectoryQueries queries;

    @Autowired
    ZipCentroids zipCentroids;

    @Test
    void searchByZipWithTwoFilters() throws Exception {
        // spring-security-test wraps every Reactor operator of the JVM to carry a mocked security context; the public
        // search needs none, and the service in production runs without it
        Hooks.resetOnLastOperator(SecurityContext.class.getName());
        List<String[]> zips = zips();
        fill(zips);
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            origins.add(zips.get(ThreadLocalRandom.current().nextInt(zips.size()))[0]);
        }

        // the statement the service runs, for a dense place (Manhattan) and for the first searched ZIP
        for (String zip : List.of("10001", origins.get(0))) {
            PlaceQuery.Resolved query = new PlaceQuery(zip, null, null, 40.0, "counselling", "es", null, null, null,
                    null, null, null).resolve(zipCentroids);
            DirectoryQueries.SearchSql search = queries.searchSql(query);
            for (int i = 0; i < 8; i++) { // past the custom plans, to the one the pool's prepared statements use
                DirectoryQueries.bindAll(db.sql(search.sql()), search.binds()).fetch().all().then().block();
            }
            System.out.println("plan for ZIP " + zip + ":\n" + DirectoryQueries.bindAll(
                            db.sql("explain (analyze, buffers) " + search.sql()), search.binds())
                    .map(row -> row.get(0, String.class)).all().collectList().block().stream()
                    .reduce((a, b) -> a + "\n" + b).orElse(""));
        }

        run(origins, 1, Duration.ofSeconds(10)); // warm-up: JIT, pool, plan cache
        long[] latencies = run(origins, 1, Duration.ofSeconds(20));
        Arrays.sort(latencies);
        System.out.printf("sequential: %d searches, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies.length,
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                latencies[latencies.length - 1] / 1e6);
        for (int threads : new int[] {2, 4, 8}) {
            ServerTiming.SAMPLES.clear();
            long jvmCpu = jvmCpuNanos();
            long databaseCpu = databaseCpuTicks();
            long[] concurrent = run(origins, threads, Duration.ofSeconds(20));
            double jvmMs = (jvmCpuNanos() - jvmCpu) / 1e6 / concurrent.length;
            double databaseMs = (databaseCpuTicks() - databaseCpu) * 10.0 / concurrent.length;
            Arrays.sort(concurrent);
            long[] server = ServerTiming.SAMPLES.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%d threads: %.0f searches/s, client p50 %.2f ms p99 %.2f ms; in the service p50 %.2f ms"
                            + " p99 %.2f ms; CPU per search: JVM (service and client) %.2f ms, PostgreSQL %.2f ms%n",
                    threads, concurrent.length / 20.0, concurrent[concurrent.length / 2] / 1e6,
                    concurrent[(int) (concurrent.length * 0.99)] / 1e6, server[server.length / 2] / 1e6,
                    server[(int) (server.length * 0.99)] / 1e6, jvmMs, databaseMs);
        }
    }

    /**
     * Time inside the service: from the first web filter after security to the last byte of the answer written, so
     * without the test client's own encoding and decoding.
     */
    @TestConfiguration
    static class ServerTiming {

        static final ConcurrentLinkedQueue<Long> SAMPLES = new ConcurrentLinkedQueue<>();

        @Bean
        WebFilter searchTiming() {
            return (exchange, chain) -> {
                if (!exchange.getRequest().getPath().value().equals("/api/resources/search")) {
                    return chain.filter(exchange);
                }
                long start = System.nanoTime();
                return chain.filter(exchange).doFinally(signal -> SAMPLES.add(System.nanoTime() - start));
            };
        }
    }

    /** CPU time of this JVM: the service and the load-generating client together. */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time (in 10 ms clock ticks) of the PostgreSQL backends serving this database, from /proc. */
    private long databaseCpuTicks() {
        List<Integer> pids = db.sql("select pid from pg_stat_activity where datname = current_database()")
                .map(row -> row.get("pid", Integer.class)).all().collectList().block();
        long ticks = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // a backend that ended, or a system without /proc: counted as nothing
            }
        }
        return ticks;
    }

    private long[] run(List<String> origins, int threads, Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        List<long[]> perThread = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[200_000];
            perThread.add(latencies);
            pool.execute(() -> {
                int n = 0;
                while (System.nanoTime() < until && n < latencies.length) {
                    String zip = origins.get(ThreadLocalRandom.current().nextInt(origins.size()));
                    long start = System.nanoTime();
                    http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("zip", zip, "radius_km", 40, "taxonomy_term", "counselling",
                                    "language", "es"))
                            .exchange().expectStatus().isOk().expectBody().returnResult();
                    latencies[n++] = System.nanoTime() - start;
                }
                latencies[latencies.length - 1] = n;
                count.addAndGet(n);
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        long[] all = new long[(int) count.get()];
        int at = 0;
        for (long[] latencies : perThread) {
            int n = (int) latencies[latencies.length - 1];
            System.arraycopy(latencies, 0, all, at, n);
            at += n;
        }
        return all;
    }

    private void fill(List<String[]> zips) {
        String[] codes = zips.stream().map(z -> z[0]).toArray(String[]::new);
        Double[] lats = zips.stream().map(z -> Double.valueOf(z[1])).toArray(Double[]::new);
        Double[] lons = zips.stream().map(z -> Double.valueOf(z[2])).toArray(Double[]::new);
        db.sql("delete from service").then().block();
        db.sql("insert into organization (id, name) values ('00000000-0000-4000-8000-000000000000', 'Benchmark') "
                + "on conflict do nothing").then().block();
        db.sql("""
                insert into service (id, organization_id, name, free_of_charge, twenty_four_seven, languages,
                    taxonomy_terms, modified_at)
                select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
                    '00000000-0000-4000-8000-000000000000', 'Benchmark service ' || g, g % 2 = 0, g % 5 = 0,
                    case when g % 7 < 3 then array['en', 'es'] else array['en'] end,
                    array[(array['crisis-hotline', 'counselling', 'legal-advocacy', 'medical-forensic-exam',
                        'shelter', 'support-group'])[1 + g % 6]],
                    now()
                from generate_series(1, :n) g""").bind("n", SERVICES).then().block();
        db.sql("""
                insert into location (id, service_id, location_type, city, postal_code, latitude, longitude,
                    time_zone)
                select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
                    ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
                    case when g % 10 = 0 then 'confidential' else 'physical' end, 'Benchmark', z.zip,
                    z.lat + (random() - 0.5) * 0.05, z.lon + (random() - 0.5) * 0.05, 'America/Chicago'
                from generate_series(1, :n) g
                join (select row_number() over () - 1 as i, zip, lat, lon
                      from unnest(cast(:zips as text[]), cast(:lats as float8[]), cast(:lons as float8[]))
                          as t(zip, lat, lon)) z on z.i = g % :zipCount""")
                .bind("n", SERVICES).bind("zips", codes).bind("lats", lats).bind("lons", lons)
                .bind("zipCount", codes.length)
                .then().block();
        // every fourth service has a second place elsewhere, so a search must keep only its nearest
        db.sql("""
                insert into location (id, service_id, position, location_type, city, postal_code, latitude, longitude,
                    time_zone)
                select gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 1,
                    'physical', 'Benchmark', z.zip, z.lat + (random() - 0.5) * 0.05, z.lon + (random() - 0.5) * 0.05,
                    'America/Chicago'
                from generate_series(4, :n, 4) g
                join (select row_number() over () - 1 as i, zip, lat, lon
                      from unnest(cast(:zips as text[]), cast(:lats as float8[]), cast(:lons as float8[]))
                          as t(zip, lat, lon)) z on z.i = (g * 7) % :zipCount""")
                .bind("n", SERVICES).bind("zips", codes).bind("lats", lats).bind("lons", lons)
                .bind("zipCount", codes.length)
                .then().block();
        // a phone and weekday hours each, as a real record has, so the answer carries them
        db.sql("""
                insert into phone (id, service_id, position, number, type, description)
                select gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 0,
                    '555-0100', 'voice', 'DEMO number: fictional'
                from generate_series(1, :n) g""").bind("n", SERVICES).then().block();
        db.sql("""
                insert into schedule (id, service_id, weekday, opens_at, closes_at)
                select gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, d,
                    '09:00', '17:00'
                from generate_series(1, :n) g, generate_series(1, 5) d""").bind("n", SERVICES).then().block();
        db.sql("analyze").then().block();
    }

    private static List<String[]> zips() throws Exception {
        List<String[]> zips = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new ClassPathResource("geo/zcta-centroids.csv.gz").getInputStream()), StandardCharsets.US_ASCII))) {
            lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                zips.add(line.split(","));
            }
        }
        return zips;
    }
}
