package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole lifecycle of {@link LogPrivacyIT} with the console writing production's JSON (Boot's structured encoder
 * in Elastic Common Schema, one object a line, as application-production.yml sets it): still no story text, title,
 * name, email or token in any line, whichever field a library would put them in. Logging is set up once per JVM, so
 * the console's encoder is swapped for this test and put back after it, leaving the other tests' output as it was.
 * And an unexpected error's line names the trace and span of the request it broke (ECS {@code trace.id},
 * {@code span.id}), so an operator goes from the line to the trace and back.
 */
@Import(JsonLogPrivacyIT.FailingRequest.class)
// a context of its own (the failing request): its first requests meet a cold context, which on a loaded 2-core CI
// machine took longer than WebTestClient's default 5 s
@AutoConfigureWebTestClient(timeout = "30s")
class JsonLogPrivacyIT extends LogPrivacyIT {

    /** A request with this header fails, on another thread than the one it arrived on ({@link FailingRequest}). */
    static final String FAIL = "X-Test-Fail";

    private OutputStreamAppender<ILoggingEvent> console;
    private Encoder<ILoggingEvent> readable;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void writeJson() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> appender = logging.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertThat(appender).as("Boot's console appender").isInstanceOf(OutputStreamAppender.class);
        console = (OutputStreamAppender<ILoggingEvent>) appender;
        readable = console.getEncoder();
        StructuredLogEncoder json = new StructuredLogEncoder();
        json.setContext(logging);
        json.setFormat("ecs");
        json.start();
        console.setEncoder(json);
    }

    @AfterEach
    void writeReadableAgain() {
        if (console != null) {
            console.getEncoder().stop();
            console.setEncoder(readable);
        }
    }

    @Test
    void anUnexpectedErrorsLineCarriesTheTraceAndSpanIdsOfTheRequestItBroke(CapturedOutput logs) {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpanId = HexFormat.of().formatHex(randomBytes(8));
        String path = "/api/stories/" + UUID.randomUUID();

        http.get().uri(path)
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .header(FAIL, "yes")
                .exchange().expectStatus().isEqualTo(500);

        String line = logs.getAll().lines().filter(l -> l.contains(path)).findFirst().orElseThrow();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(field(json, "log", "level")).isEqualTo("ERROR");
        assertThat(field(json, "trace", "id")).as(line).isEqualTo(traceId);
        // the server's own span, a child of the caller's, not the caller's span
        assertThat(field(json, "span", "id")).as(line).hasSize(16).isNotEqualTo(callerSpanId);
        // a line written outside any request names no trace
        String outside = "untraced-probe-" + UUID.randomUUID();
        LoggerFactory.getLogger(JsonLogPrivacyIT.class).info("{}", outside);
        JsonNode untraced = JsonMapper.builder().build().readTree(
                logs.getAll().lines().filter(l -> l.contains(outside)).findFirst().orElseThrow());
        assertThat(field(untraced, "trace", "id")).isEmpty();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C calls invalid
        return bytes;
    }

    /**
     * Stands for any failure of the service's own code: it surfaces on a timer's thread, not the one the request
     * arrived on, so only the Reactor context connects it to the request.
     */
    @TestConfiguration
    static class FailingRequest {

        @Bean
        WebFilter failWhenAsked() {
            return (exchange, chain) -> exchange.getRequest().getHeaders().containsHeader(FAIL)
                    ? Mono.delay(Duration.ofMillis(5)).then(Mono.error(new IllegalStateException("failed on purpose")))
                    : chain.filter(exchange);
        }
    }

    @Override
    void assertFormat(String logs, String probe) {
        String line = logs.lines().filter(l -> l.contains(probe)).findFirst().orElseThrow();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.path("message").asString()).isEqualTo(probe);
        assertThat(field(json, "log", "level")).isEqualTo("INFO");
        assertThat(field(json, "service", "name")).isEqualTo("stories-service");
    }

    /** ECS names nest ({@code log.level}); a formatter may write them nested or as one dotted key. */
    private static String field(JsonNode json, String parent, String child) {
        JsonNode nested = json.path(parent).path(child);
        return nested.isMissingNode() ? json.path(parent + "." + child).asString() : nested.asString();
    }
}
