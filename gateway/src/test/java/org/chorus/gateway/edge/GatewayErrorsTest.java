package org.chorus.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;

/** What the gateway logs of an error: the class and a stack without messages, never what the request held. */
class GatewayErrorsTest {

    private static final String EMAIL = "survivor@example.org";
    private static final String STORY = "story text: I never told anyone until now";

    private final Logger logger = (Logger) LoggerFactory.getLogger(GatewayErrors.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final MockServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.post("/api/stories?email=" + EMAIL));

    @BeforeEach
    void record() {
        logger.setLevel(Level.DEBUG);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopRecording() {
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    @Test
    void anUnexpectedErrorIsA500LoggedWithItsClassAndStackButNoMessage() {
        new GatewayErrors().handle(exchange, new IllegalStateException("could not pass on " + STORY + " for " + EMAIL,
                new RuntimeException("DETAIL: Key (email)=(" + EMAIL + ") already exists."))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(log.list).anySatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.ERROR));
        assertThat(text()).contains("Unexpected error at the gateway: java.lang.IllegalStateException",
                        "\tat org.chorus.gateway.edge.GatewayErrorsTest.", "Caused by: java.lang.RuntimeException")
                .doesNotContain(EMAIL, STORY, "DETAIL");
    }

    @Test
    void aClientThatClosedItsConnectionIsOneDebugLineWithoutAStack() {
        new GatewayErrors().handle(exchange,
                new AbortedException("Connection has been closed BEFORE response, while sending request body")).block();

        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getThrowableProxy()).isNull();
        });
        assertThat(text()).contains("reactor.netty.channel.AbortedException").doesNotContain("\tat ", EMAIL);
    }

    private String text() {
        return log.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }
}
