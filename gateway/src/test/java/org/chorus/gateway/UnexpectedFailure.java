package org.chorus.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * {@code GET /test/unexpected-failure} fails the way a library does that puts what it was given into its
 * messages: the request's query, a story's text, a database {@code DETAIL}. The gateway has no such failure of its
 * own to provoke, and its log policy must hold for the one it does not foresee.
 */
@TestConfiguration(proxyBeanMethods = false)
public class UnexpectedFailure {

    public static final String PATH = "/test/unexpected-failure";

    @Bean
    RouterFunction<ServerResponse> unexpectedFailure() {
        return route().GET(PATH, request -> {
            throw new IllegalStateException("could not handle story text for " + request.uri(),
                    new RuntimeException("DETAIL: Key (query)=(" + request.uri().getQuery() + ") already exists."));
        }).build();
    }
}
