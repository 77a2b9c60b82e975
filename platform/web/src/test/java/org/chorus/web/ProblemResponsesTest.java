package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

class ProblemResponsesTest {

    @RestController
    static class Failing {
        @GetMapping("/fails")
        Mono<String> fails() {
            return Mono.error(Secrets.failure());
        }

        @PostMapping("/stored")
        Mono<String> stored() {
            // as R2DBC reports a stopped PostgreSQL: connection refused, translated by Spring
            return Mono.error(new org.springframework.dao.DataAccessResourceFailureException("execute; SQL [insert]",
                    new java.net.ConnectException("Connection refused")));
        }

        @PostMapping("/counts")
        Mono<String> counts(@RequestBody Counted body) {
            return Mono.just("ok");
        }
    }

    record Counted(Limits limits) {
    }

    record Limits(int perDay) {
    }

    private final WebTestClient http = WebTestClient.bindToController(new Failing())
            .controllerAdvice(new ProblemResponses()).build();

    @Test
    void anUnexpectedErrorIs500AndItsLogHoldsTheClassButNoMessage() {
        try (LogLines log = new LogLines(ProblemResponses.class)) {
            http.get().uri("/fails").exchange()
                    .expectStatus().isEqualTo(500)
                    .expectBody(String.class).value(body -> assertThat(body)
                            .doesNotContain(Secrets.STORY, Secrets.EMAIL, "DETAIL", "Exception"));

            assertThat(log.text()).contains("ERROR Unexpected error: java.lang.IllegalStateException",
                            "Caused by: java.lang.RuntimeException", "\tat org.chorus.web.Secrets.failure(")
                    .doesNotContain(Secrets.STORY, Secrets.EMAIL, "DETAIL", "duplicate key");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfterNotA500() {
        http.post().uri("/stored").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("Nothing was stored"));
    }

    @Test
    void aNumberTooLargeForItsFieldIsA400NamingTheField() {
        http.post().uri("/counts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"limits\": {\"perDay\": 99999999999999999999}}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("limits.perDay")
                .jsonPath("$.errors[0].message").isEqualTo("has the wrong type or format");
    }
}
