package org.chorus.gateway.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

    @Autowired
    MeterRegistry meters;

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
    void eachFallbackAndTheDirectorysCircuitBreakerAreSeenInTheMetrics() {
        double before = fallbacks("search");
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"zip\": \"10001\", \"radius_km\": 40}").exchange().expectStatus().isOk();

        assertThat(fallbacks("search")).isEqualTo(before + 1);
        // the breaker's state, one gauge per state, 1 for the one it is in, for the "fallback active" dashboards
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "resources").gauges())
                .extracting(gauge -> gauge.getId().getTag("state")).contains("closed", "open");
        assertThat(meters.find("resilience4j.circuitbreaker.calls").tag("name", "resources").meters()).isNotEmpty();
    }

    private double fallbacks(String route) {
        Counter counter = meters.find("chorus.gateway.hotline.fallbacks").tag("route", route).counter();
        return counter == null ? 0 : counter.count();
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
