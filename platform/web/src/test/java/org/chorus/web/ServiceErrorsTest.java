package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * A real server with platform/web's auto-configuration, failing where no controller advice can see it: in a web
 * filter, and halfway through a streamed answer. Neither may put a message or the query into the log.
 */
@SpringBootTest(classes = ServiceErrorsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.banner-mode=off")
class ServiceErrorsTest {

    private static final String QUERY = "?email=" + Secrets.EMAIL;

    @SpringBootApplication
    static class App {

        @Bean
        SecurityWebFilterChain open(ServerHttpSecurity http) {
            return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .authorizeExchange(exchange -> exchange.anyExchange().permitAll()).build();
        }

        @Bean
        WebFilter failsBeforeTheController() {
            return (exchange, chain) -> exchange.getRequest().getPath().value().equals("/filter")
                    ? Mono.error(Secrets.failure()) : chain.filter(exchange);
        }

        @RestController
        static class Streams {
            @GetMapping(value = "/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
            Flux<String> stream() {
                return Flux.concat(Flux.just("first"), Mono.delay(Duration.ofMillis(200)).then(Mono.error(Secrets.failure())));
            }
        }
    }

    @LocalServerPort
    int port;

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void aFilterFailureIsA500ProblemAndTheLogHoldsTheClassButNoMessageOrQuery() {
        try (LogLines log = LogLines.everything()) {
            http().get().uri("/filter" + QUERY).exchange()
                    .expectStatus().isEqualTo(500)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).value(body -> assertThat(body)
                            .doesNotContain(Secrets.STORY, Secrets.EMAIL, "Exception"));

            assertThat(log.text()).contains("ERROR GET /filter: java.lang.IllegalStateException", "Caused by: java.lang.RuntimeException")
                    .doesNotContain(Secrets.STORY, Secrets.EMAIL, "DETAIL", "duplicate key");
        }
    }

    @Test
    void aFailureAfterTheAnswerBeganIsOneWarningByClassWithoutMessageOrQuery() throws InterruptedException {
        try (LogLines log = LogLines.everything()) {
            List<Signal<String>> received = http().get().uri("/stream" + QUERY).exchange()
                    .returnResult(String.class).getResponseBody()
                    .materialize().collectList().block(Duration.ofSeconds(10));

            assertThat(received).last().as("the client learns that the answer is incomplete")
                    .matches(Signal::isOnError);
            for (int i = 0; i < 50 && !log.text().contains("failed after its answer began"); i++) {
                Thread.sleep(100);
            }

            assertThat(log.text()).contains("WARN GET /stream failed after its answer began: java.lang.IllegalStateException")
                    .doesNotContain(Secrets.STORY, Secrets.EMAIL, "DETAIL", "duplicate key", "ERROR");
        }
    }

    @Test
    void aRequestLineTheFirewallRefusesIsA400ProblemThatDoesNotEchoIt() {
        http().get().uri("/stream%3Bjsessionid=x" + QUERY).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").isEqualTo(FirewallRejections.DETAIL)
                .jsonPath("$.instance").doesNotExist()
                .jsonPath("$.properties").doesNotExist();
    }

    @Test
    void aServerErrorProblemHasTheProblemShapeOnly() {
        http().get().uri("/filter").exchange()
                .expectStatus().isEqualTo(500)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Internal Server Error")
                .jsonPath("$.instance").isEqualTo("/filter")
                .jsonPath("$.properties").doesNotExist();
    }
}
