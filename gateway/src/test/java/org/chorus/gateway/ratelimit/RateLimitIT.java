package org.chorus.gateway.ratelimit;

import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayIntegrationTest
@TestPropertySource(properties = {"chorus.rate-limit.enabled=true", "chorus.rate-limit.writes-per-window=2",
        "chorus.services.stories=${chorus.test.service-down}"})
class RateLimitIT {

    @Autowired
    WebTestClient http;

    @Test
    void writesBeyondTheLimitGet429WithRetryAfterAsProblem() {
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).isNotEqualTo(429));
        }

        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(429);
    }

    @Test
    void staffWorkHasItsOwnCountAndNeverMeetsTheLimitForAnonymousWrites() {
        for (int i = 0; i < 3; i++) {
            http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
        }

        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/admin/stories/00000000-0000-0000-0000-000000000000/publication")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isUnauthorized();
        }
    }

    @Test
    void pagesAreNotCountedAgainstTheApiLimits() {
        for (int i = 0; i < 5; i++) {
            http.get().uri("/").exchange().expectStatus().isOk();
        }
    }
}
