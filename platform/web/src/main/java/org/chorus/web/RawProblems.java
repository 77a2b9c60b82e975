package org.chorus.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** A problem written straight to a response, where no controller or codec chain answers (filters, handlers). */
final class RawProblems {

    private RawProblems() {
    }

    static Mono<Void> write(ServerHttpResponse response, JsonMapper json, ProblemDetail problem) {
        response.setRawStatusCode(problem.getStatus());
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
    }
}
