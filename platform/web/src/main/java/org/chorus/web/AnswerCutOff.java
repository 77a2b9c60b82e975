package org.chorus.web;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * An answer that began and cannot be finished: only a cut connection tells the client it is incomplete. Cut here
 * rather than hand the error on to the server, which logs it as an ERROR whose stack carries the exception's message
 * (Reactor's checkpoint line), and with it whatever the failing code had in hand.
 */
public final class AnswerCutOff {

    private AnswerCutOff() {
    }

    public static void cut(ServerWebExchange exchange) {
        try {
            if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
                connection.channel().close();
            }
        } catch (IllegalStateException noNativeRequest) {
            // a mock exchange has no connection to cut
        }
    }
}
