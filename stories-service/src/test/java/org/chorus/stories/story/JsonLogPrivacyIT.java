package org.chorus.stories.story;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole lifecycle of {@link LogPrivacyIT} with the console writing production's JSON (Boot's structured encoder
 * in Elastic Common Schema, one object a line, as application-production.yml sets it): still no story text, title,
 * name, email or token in any line, whichever field a library would put them in. Logging is set up once per JVM, so
 * the console's encoder is swapped for this test and put back after it, leaving the other tests' output as it was.
 */
class JsonLogPrivacyIT extends LogPrivacyIT {

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
