package org.chorus.web;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;

/**
 * How Chorus logs an exception it did not expect: the class names of the exception and its causes, with their stack
 * frames, and never a message. A message holds whatever the throwing code had in hand: a story's text, an email, a
 * database {@code DETAIL} with a row's values, a URI with its query. A client that closed its connection before its
 * answer is no error of ours: one DEBUG line without a stack.
 */
public final class ErrorLog {

    private ErrorLog() {
    }

    /** ERROR with the stack of {@code error} without messages, or DEBUG when the client went away. */
    public static void unexpected(Logger log, String what, ServerWebExchange exchange, Throwable error) {
        if (clientWentAway(exchange, error)) {
            log.debug("{}: the client closed its connection ({})", what, error.getClass().getName());
        } else {
            log.error("{}: {}", what, stackWithoutMessages(error));
        }
    }

    /**
     * The client closed its connection: the failure looks like an abort (reactor-netty's {@code AbortedException},
     * a closed channel, a reset or broken pipe) and the exchange's own connection is gone, so a database or a
     * service behind us hanging up is still an error.
     */
    public static boolean clientWentAway(ServerWebExchange exchange, Throwable error) {
        if (!abortShaped(error)) {
            return false;
        }
        return !(nativeRequest(exchange) instanceof Connection connection) || connection.isDisposed();
    }

    /** Reactor Netty's request is its connection; a mock exchange has none, and then the shape alone decides. */
    private static Object nativeRequest(ServerWebExchange exchange) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        } catch (IllegalStateException noNativeRequest) {
            return null;
        }
    }

    /**
     * The exception's class, its stack frames, then each cause's class and frames ("Caused by:"), as a JVM prints
     * them but with every message left out; frames a cause shares with the one it caused are counted, not repeated.
     */
    public static String stackWithoutMessages(Throwable error) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        StackTraceElement[] enclosing = new StackTraceElement[0];
        for (Throwable current = error; current != null && seen.add(current); current = current.getCause()) {
            if (current != error) {
                text.append("\nCaused by: ");
            }
            text.append(current.getClass().getName());
            StackTraceElement[] frames = current.getStackTrace();
            int inCommon = 0;
            while (inCommon < frames.length && inCommon < enclosing.length
                    && frames[frames.length - 1 - inCommon].equals(enclosing[enclosing.length - 1 - inCommon])) {
                inCommon++;
            }
            for (int i = 0; i < frames.length - inCommon; i++) {
                text.append("\n\tat ").append(frames[i]);
            }
            if (inCommon > 0) {
                text.append("\n\t... ").append(inCommon).append(" more");
            }
            enclosing = frames;
        }
        return text.toString();
    }

    private static boolean abortShaped(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof AbortedException || cause instanceof ClosedChannelException) {
                return true;
            }
            // read to classify, never logged
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (cause instanceof IOException && (message.contains("connection reset") || message.contains("broken pipe"))) {
                return true;
            }
        }
        return false;
    }
}
