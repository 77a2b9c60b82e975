package org.chorus.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chorus.testsupport.CpuTime;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.Wrk;
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
 * broker, loaded by wrk in a process of its own with 64 connections, 20 s per phase. Off unless asked for:
 * {@code stories-service/bench/stories.sh} (installs wrk). Results go to stdout and
 * {@code stories-service/target/benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "chorus.benchmark", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
class StoriesBenchmarkIT {

    private static final int CONNECTIONS = 64;
    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("chorus.benchmark.seconds", 20));

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Test
    void submissionsListAndSearchAtSixtyFourConnections() throws Exception {
        // spring-security-test hooks every Reactor operator in this JVM to carry a test security context; the
        // service never runs with it, so it must not be measured (it cost several percent of the CPU per request)
        Hooks.resetOnLastOperator(SecurityContext.class.getName());
        String story = "{\"text\":\"" + "I was nineteen and I told no one. ".repeat(30)
                + "\",\"language\":\"en\",\"contentWarnings\":[\"sexual-violence\"],\"themes\":[\"speaking-up\"],"
                + "\"namedAs\":\"pseudonym\",\"name\":\"Bench\","
                + "\"contactEmail\":\"bench@example.org\",\"contactConsent\":true,\"consents\":{\"publishOnSite\":true}}";
        Path submit = Path.of("target/bench/submit.lua");
        Files.createDirectories(submit.getParent());
        Files.writeString(submit, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = [[%s]]
                """.formatted(story));
        String base = "http://127.0.0.1:" + port;
        Wrk.run(base + "/api/stories", CONNECTIONS, Duration.ofSeconds(10), submit); // warm-up
        List<String> results = new ArrayList<>();
        results.add(run("submit", base + "/api/stories", submit));
        publishSome(1_000);
        results.add(run("list", base + "/api/stories?language=en&exclude_warning=self-harm", null));
        results.add(run("search", base + "/api/stories?q=nineteen+told", null));
        String report = String.join("\n", results) + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target/benchmark.txt"), report, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private String run(String name, String url, Path script) throws Exception {
        long jvmCpuBefore = CpuTime.jvmNanos();
        long postgresCpuBefore = CpuTime.postgresNanos();
        Wrk.Result load = Wrk.run(url, CONNECTIONS, PHASE, script);
        assertThat(load.non2xx()).as(name + " failures\n" + load.output()).isZero();
        double jvmCpuPerRequest = (CpuTime.jvmNanos() - jvmCpuBefore) / 1e6 / load.requests();
        double postgresCpuPerRequest = (CpuTime.postgresNanos() - postgresCpuBefore) / 1e6 / load.requests();
        return ("%-8s %s (%d connections); CPU per request: JVM (service and broker) %.2f ms, PostgreSQL %.2f ms")
                .formatted(name, load, CONNECTIONS, jvmCpuPerRequest, postgresCpuPerRequest);
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
}
