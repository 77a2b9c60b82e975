package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorus.contracts.Topics;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.KafkaRecords;
import org.chorus.testsupport.Ports;
import org.chorus.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15, fault 3: stories-service's PostgreSQL stops and starts again while stories are being submitted. While it
 * is down every submission is answered, quickly, 503 problem+json with {@code Retry-After}: never a 500, never a
 * request left hanging. Once it is back the same service (not restarted) stores stories again; every 201 is a
 * complete story (its data key, its consent, its StorySubmitted on Kafka) and nothing else was stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {DatabaseRestartIT.OwnPostgres.class, InfrastructureInitializers.Kafka.class})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatabaseRestartIT {

    /** Longer than any answer may take: a request still open then counts as hanging. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DOWN_FOR = Duration.ofSeconds(12);
    private static final int SUBMITTERS = 4;

    private static final Path DATA = Path.of("target", "database-restart-" + UUID.randomUUID()).toAbsolutePath();
    private static final int PORT = Ports.free();
    private static volatile PostgresServer postgres = PostgresServer.embedded(PORT, DATA);

    /** A PostgreSQL of this test's own: stopping the shared one would fail every other test in this JVM. */
    static final class OwnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String database = postgres.createDatabase("stories_restart");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-postgres", Map.of(
                    "spring.r2dbc.url", postgres.r2dbcUrl(database),
                    "spring.r2dbc.username", postgres.username(),
                    "spring.r2dbc.password", postgres.password(),
                    "spring.flyway.url", postgres.jdbcUrl(database),
                    "spring.flyway.user", postgres.username(),
                    "spring.flyway.password", postgres.password())));
        }
    }

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void whileItsDatabaseIsDownSubmissionsGet503WithRetryAfterAndAfterwardsEveryStoredStoryIsWhole() throws Exception {
        Set<UUID> created = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger createdWhileDown = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        long[] slowest503 = {0};

        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        for (int i = 0; i < SUBMITTERS; i++) {
            submitters.submit(() -> {
                while (running.get()) {
                    boolean wasDown = down.get();
                    Instant sent = Instant.now();
                    String outcome = submit(created, wrong);
                    long millis = Duration.between(sent, Instant.now()).toMillis();
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (outcome.equals("503")) {
                        synchronized (slowest503) {
                            slowest503[0] = Math.max(slowest503[0], millis);
                        }
                    }
                    if (outcome.equals("201") && wasDown && down.get()) {
                        createdWhileDown.incrementAndGet();
                    }
                    if (outcome.equals("503")) {
                        sleep(100);
                    }
                }
                return null;
            });
        }

        sleep(4_000);
        int beforeStop = created.size();
        // "down" is the time PostgreSQL is certainly stopped: from the end of its shutdown (a fast shutdown lets the
        // transactions under way finish, and their 201s are right) to the start of its restart
        postgres.close();
        down.set(true);
        sleep(DOWN_FOR.toMillis());
        down.set(false);
        postgres = PostgresServer.embedded(PORT, DATA);
        Instant back = Instant.now();
        int atRestart = created.size();
        while (created.size() <= atRestart + 20 && Duration.between(back, Instant.now()).toSeconds() < 60) {
            sleep(200);
        }
        Duration recovery = Duration.between(back, Instant.now());
        running.set(false);
        submitters.shutdown();
        assertThat(submitters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        // every 201 is a whole story, and there is no story that was not answered 201
        Set<UUID> stored = new HashSet<>();
        int withoutKey;
        int withoutConsent;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("stories_restart"),
                postgres.username(), postgres.password()); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select id from story")) {
                while (rows.next()) {
                    stored.add(rows.getObject(1, UUID.class));
                }
            }
            withoutKey = count(statement, "select count(*) from story s where not exists "
                    + "(select 1 from story_data_key k where k.story_id = s.id)");
            withoutConsent = count(statement, "select count(*) from story s where not exists "
                    + "(select 1 from story_consent c where c.story_id = s.id)");
        }
        Set<String> keys = ConcurrentHashMap.newKeySet();
        KafkaRecords.read(Topics.STORIES, record -> created.contains(UUID.fromString(record.key()))
                && keys.add(record.key()), created.size(), Duration.ofSeconds(60));
        long missingEvents = created.stream().filter(id -> !keys.contains(id.toString())).count();

        System.out.printf("DatabaseRestartIT: %d submitters; PostgreSQL stopped after %d stories and down %d s;"
                        + " answers %s; slowest 503 %d ms; back to 201s %d ms after PostgreSQL restarted;"
                        + " stored %d, answered 201 %d, lost 0 expected (%d 201s without a row), half-stored %d,"
                        + " StorySubmitted missing on Kafka %d%n",
                SUBMITTERS, beforeStop, DOWN_FOR.toSeconds(), outcomes, slowest503[0], recovery.toMillis(),
                stored.size(), created.size(), created.stream().filter(id -> !stored.contains(id)).count(),
                withoutKey + withoutConsent, missingEvents);
        assertThat(wrong).as("answers that were neither 201 nor 503 problem+json with Retry-After").isEmpty();
        assertThat(outcomes.get("503")).as("503s while PostgreSQL was down").isNotNull();
        assertThat(createdWhileDown.get()).as("201s while PostgreSQL was down").isZero();
        assertThat(recovery).as("recovered without a restart").isLessThan(Duration.ofSeconds(60));
        assertThat(stored).as("stories stored = stories answered 201").isEqualTo(created);
        assertThat(withoutKey + withoutConsent).as("half-stored stories").isZero();
        assertThat(missingEvents).as("201s whose StorySubmitted never reached Kafka").isZero();
    }

    /** One submission: "201", "503", or a description of what was wrong with the answer (also added to wrong). */
    private String submit(Set<UUID> created, ConcurrentLinkedQueue<String> wrong) {
        String body = """
                {"text":"A story sent while the database restarts","language":"en","consents":{"publishOnSite":true}}""";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stories"))
                .timeout(CLIENT_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                created.add(UUID.fromString(json.readTree(response.body()).get("id").asString()));
                return "201";
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() == 503 && type.startsWith("application/problem+json")
                    && response.headers().firstValue("Retry-After").isPresent()
                    && json.readTree(response.body()).path("status").asInt() == 503) {
                return "503";
            }
            String what = response.statusCode() + " " + type + " Retry-After="
                    + response.headers().firstValue("Retry-After").orElse("none");
            wrong.add(what);
            return what;
        } catch (HttpTimeoutException e) {
            wrong.add("no answer within " + CLIENT_TIMEOUT);
            return "timeout";
        } catch (Exception e) {
            wrong.add(e.getClass().getSimpleName());
            return e.getClass().getSimpleName();
        }
    }

    private static int count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
