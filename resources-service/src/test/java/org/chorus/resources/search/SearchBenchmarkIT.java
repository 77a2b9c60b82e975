package org.chorus.resources.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.chorus.resources.geo.ZipCentroids;
import org.chorus.testsupport.CpuTime;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.Wrk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Hooks;

/**
 * Not a timed test: a benchmark, run on demand, on a database of its own: {@code resources-service/bench/search.sh}
 * (it installs wrk from Debian when missing). It fills the directory with 100,000 services spread over the ZIP areas
 * (so dense where people live; a quarter of them with a second location elsewhere; each with a phone and weekday
 * hours), prints the plan of the statement a search runs, then starts the service on a real port and loads it with
 * wrk, in its own process, with POST /api/resources/search by a random one of 500 ZIPs, 40 km, two filters, at
 * several numbers of connections. For each it prints wrk's throughput and latency, the time inside the service, and
 * the CPU each search cost the service's JVM and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
@Import(SearchBenchmarkIT.ServerTiming.class)
@TestPropertySource(properties = "chorus.test.database=chorus_resources_benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SearchBenchmarkIT {

    private static final int SERVICES = 100_000;
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    SearchQueries queries;

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
            SearchQueries.SearchSql search = queries.searchSql(query);
            for (int i = 0; i < 8; i++) { // past the custom plans, to the one the pool's prepared statements use
                SearchQueries.bindAll(db.sql(search.sql()), search.binds()).fetch().all().then().block();
            }
            System.out.println("plan for ZIP " + zip + ":\n" + SearchQueries.bindAll(
                            db.sql("explain (analyze, buffers) " + search.sql()), search.binds())
                    .map(row -> row.get(0, String.class)).all().collectList().block().stream()
                    .reduce((a, b) -> a + "\n" + b).orElse(""));
        }

        Path script = wrkScript(origins);
        String url = "http://127.0.0.1:" + port;
        Wrk.run(url, 8, Duration.ofSeconds(10), script); // warm-up: JIT, pool, plan cache
        StringBuilder summary = new StringBuilder("connections  searches/s  wrk p50/p99 ms  in service p50/p99 ms"
                + "  CPU per search: service JVM / PostgreSQL ms\n");
        for (int connections : new int[] {1, 4, 8, 16, 32}) {
            ServerTiming.SAMPLES.clear();
            long jvmCpu = CpuTime.jvmNanos();
            long databaseCpu = CpuTime.postgresNanos();
            Wrk.Result load = Wrk.run(url, connections, Duration.ofSeconds(SECONDS), script);
            assertThat(load.non2xx()).as(load.output()).isZero();
            assertThat(load.output()).as("every search answered 200").doesNotContain("error");
            double searches = ServerTiming.SAMPLES.size();
            double jvmMs = (CpuTime.jvmNanos() - jvmCpu) / 1e6 / searches;
            double databaseMs = (CpuTime.postgresNanos() - databaseCpu) / 1e6 / searches;
            long[] server = ServerTiming.SAMPLES.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.println(load.output());
            summary.append(String.format("%11d  %10.0f  %6.2f / %-6.2f  %8.2f / %-8.2f  %.2f / %.2f%n", connections,
                    searches / SECONDS, load.p50Millis(), load.p99Millis(),
                    server[server.length / 2] / 1e6, server[(int) (server.length * 0.99)] / 1e6, jvmMs, databaseMs));
        }
        System.out.println(summary);
        Path report = Path.of("target/bench/search.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, summary);
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

    /** POSTs a search by a random one of the origins, 40 km, two filters, from each wrk connection. */
    private static Path wrkScript(List<String> origins) throws IOException {
        Path script = Path.of("target/bench/search.lua");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                local zips = {%s}
                math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
                request = function()
                  local body = '{"zip":"' .. zips[math.random(#zips)]
                    .. '","radius_km":40,"taxonomy_term":"counselling","language":"es"}'
                  return wrk.format("POST", "/api/resources/search", {["Content-Type"] = "application/json"}, body)
                end
                response = function(status, headers, body)
                  if status ~= 200 then error("search answered " .. status) end
                end
                """.formatted(origins.stream().map(zip -> '"' + zip + '"').collect(Collectors.joining(","))));
        return script;
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
        // a phone and weekday hours each, as a real record has, so the answer carries them; before the locations, so
        // the search documents (V3 migration) are rendered once, when the locations arrive
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
        db.sql("analyze").then().block();
    }

    private static List<String[]> zips() throws Exception {
        List<String[]> zips = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new ClassPathResource("org/chorus/contracts/geo/zcta-centroids.csv.gz").getInputStream()),
                StandardCharsets.US_ASCII))) {
            lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                zips.add(line.split(","));
            }
        }
        return zips;
    }
}
