package org.chorus.resources.directory;

import java.io.BufferedReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Not a timed test: a benchmark, run on demand, on a database of its own:
 * {@code ./mvnw -B -pl resources-service -am verify -Dit.test=SearchBenchmarkIT -Dbenchmark=true
 * -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 * It fills the directory with 100,000 services spread over the ZIP areas (so dense where people live), then times
 * POST /api/resources/search by ZIP, 40 km, two filters, through the whole WebFlux stack, and prints the query plan.
 */
@ResourcesIntegrationTest
@TestPropertySource(properties = "chorus.test.database=chorus_resources_benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SearchBenchmarkIT {

    private static final int SERVICES = 100_000;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void searchByZipWithTwoFilters() throws Exception {
        List<String[]> zips = zips();
        fill(zips);
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            origins.add(zips.get(ThreadLocalRandom.current().nextInt(zips.size()))[0]);
        }

        System.out.println(db.sql("explain (analyze, buffers) " + planQuery(zips.get(0)))
                .map(row -> row.get(0, String.class)).all().collectList().block().stream()
                .reduce((a, b) -> a + "\n" + b).orElse(""));

        run(origins, 1, Duration.ofSeconds(10)); // warm-up: JIT, pool, plan cache
        long[] latencies = run(origins, 1, Duration.ofSeconds(20));
        Arrays.sort(latencies);
        System.out.printf("sequential: %d searches, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies.length,
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                latencies[latencies.length - 1] / 1e6);
        for (int threads : new int[] {4, 8}) {
            long[] concurrent = run(origins, threads, Duration.ofSeconds(20));
            Arrays.sort(concurrent);
            System.out.printf("%d threads: %.0f searches/s, p99 %.2f ms%n", threads, concurrent.length / 20.0,
                    concurrent[(int) (concurrent.length * 0.99)] / 1e6);
        }
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
                insert into location (service_id, location_type, city, postal_code, latitude, longitude, time_zone)
                select ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
                    case when g % 10 = 0 then 'confidential' else 'physical' end, 'Benchmark', z.zip,
                    z.lat + (random() - 0.5) * 0.05, z.lon + (random() - 0.5) * 0.05, 'America/Chicago'
                from generate_series(1, :n) g
                join (select row_number() over () - 1 as i, zip, lat, lon
                      from unnest(cast(:zips as text[]), cast(:lats as float8[]), cast(:lons as float8[]))
                          as t(zip, lat, lon)) z on z.i = g % :zipCount""")
                .bind("n", SERVICES).bind("zips", codes).bind("lats", lats).bind("lons", lons)
                .bind("zipCount", codes.length)
                .then().block();
        db.sql("analyze").then().block();
    }

    private static String planQuery(String[] zip) {
        double lat = Double.parseDouble(zip[1]);
        double lon = Double.parseDouble(zip[2]);
        double dLat = 40 / 111.195;
        double dLon = 40 / (111.195 * Math.cos(Math.toRadians(lat)));
        return """
                select * from (select s.id, 6371.0088 * 2 * asin(least(1, sqrt(
                    power(sin(radians(l.latitude - %1$f) / 2), 2)
                    + cos(radians(%1$f)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - %2$f) / 2), 2))))
                    as distance_km
                from service s join organization o on o.id = s.organization_id left join location l on l.service_id = s.id
                where s.status = 'active' and point(l.longitude, l.latitude) <@ box(point(%5$f, %3$f), point(%6$f, %4$f))
                  and s.taxonomy_terms @> array['counselling'] and s.languages @> array['es']) nearby
                where distance_km <= 40 order by distance_km, id limit 20"""
                .formatted(lat, lon, lat - dLat, lat + dLat, lon - dLon, lon + dLon);
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
