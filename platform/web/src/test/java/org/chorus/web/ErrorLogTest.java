package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;

class ErrorLogTest {

    private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));

    @Test
    void theStackNamesEveryClassAndFrameButNoMessage() {
        String stack = ErrorLog.stackWithoutMessages(Secrets.failure());

        assertThat(stack).startsWith("java.lang.IllegalStateException\n\tat org.chorus.web.Secrets.failure(")
                .contains("ErrorLogTest.theStackNamesEveryClassAndFrameButNoMessage(")
                // made on the same line as the exception it caused: every frame is shared
                .containsPattern("\nCaused by: java.lang.RuntimeException\n\t\\.\\.\\. \\d+ more$")
                .doesNotContain(Secrets.STORY, Secrets.EMAIL, "DETAIL", "duplicate key");
    }

    @Test
    void aCauseThatRefersBackToItselfEndsTheStack() {
        RuntimeException outer = new RuntimeException("outer " + Secrets.EMAIL);
        RuntimeException inner = new RuntimeException("inner " + Secrets.EMAIL, outer);
        outer.initCause(inner);

        assertThat(ErrorLog.stackWithoutMessages(outer)).containsOnlyOnce("Caused by").doesNotContain(Secrets.EMAIL);
    }

    @Test
    void anUnexpectedErrorIsLoggedAtErrorWithClassAndStackOnly() {
        try (LogLines log = new LogLines(ErrorLogTest.class)) {
            ErrorLog.unexpected(LoggerFactory.getLogger(ErrorLogTest.class), "Unexpected error", exchange,
                    Secrets.failure());

            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getThrowableProxy()).isNull();
            });
            assertThat(log.text()).contains("Unexpected error: java.lang.IllegalStateException", "\tat ",
                            "Caused by: java.lang.RuntimeException")
                    .doesNotContain(Secrets.STORY, Secrets.EMAIL, "DETAIL");
        }
    }

    @Test
    void aClientThatClosedItsConnectionIsOneDebugLineWithoutAStack() {
        for (Throwable abort : new Throwable[] {
                new AbortedException("Connection has been closed BEFORE response, while sending request body"),
                new IOException("Connection reset by peer"), new IOException("Broken pipe"),
                new IllegalStateException("wrapped", new ClosedChannelException())}) {
            try (LogLines log = new LogLines(ErrorLogTest.class)) {
                ErrorLog.unexpected(LoggerFactory.getLogger(ErrorLogTest.class), "Unexpected error", exchange, abort);

                assertThat(log.events()).as(abort.toString()).singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                    assertThat(event.getThrowableProxy()).isNull();
                    assertThat(event.getFormattedMessage()).contains(abort.getClass().getName()).doesNotContain("\tat ");
                });
            }
        }
    }

    @Test
    void otherFailuresAreNotMistakenForAClientGoingAway() {
        assertThat(ErrorLog.clientWentAway(exchange, new IOException("No space left on device"))).isFalse();
        assertThat(ErrorLog.clientWentAway(exchange, Secrets.failure())).isFalse();
    }
}
