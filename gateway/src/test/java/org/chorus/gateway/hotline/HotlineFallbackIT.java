package org.chorus.gateway.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * resources-service is down (nothing listens where the route points, as in every {@link GatewayIntegrationTest}):
 * help must still be given.
 */
@GatewayIntegrationTest
class HotlineFallbackIT {

    @Autowired
    WebTestClient http;

    @Test
    void searchStillAnswersWithTheNationalHotlinesAndSaysLocalResultsAreUnavailable() {
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"zip\": \"10001\", \"radius_km\": 40}").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.unavailable").isEqualTo(true)
                .jsonPath("$.results").isEmpty()
                .jsonPath("$.national_hotlines[0].call").isEqualTo("1-800-656-4673")
                .jsonPath("$.national_hotlines[?(@.text == 'Text HOME to 741741')]").exists();
    }

    @Test
    void hotlinesAreServedByTheGatewayItself() {
        http.get().uri("/api/resources/hotlines").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("1-800-656-4673", "988", "1-800-799-7233", "Text START to 88788"));
    }

    @Test
    void otherDirectoryPagesAreA503ProblemThatStillCarriesTheHotlines() {
        http.get().uri("/api/resources/services/7c9e6679-7425-40de-944b-e07fc1f90ae7").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.national_hotlines[0].name").isEqualTo("National Sexual Assault Hotline (RAINN)");
    }
}
