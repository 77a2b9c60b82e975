package org.chorus.gateway.surge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.edge.WarmUpPass;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway that sends itself 40 reads before readiness, with a limit of 5 reads a minute per client: the warm-up
 * is answered in full, uses none of the loopback address's reads, and its pass is worth nothing afterwards.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {"chorus.edge.warm-up.requests=40", "chorus.rate-limit.enabled=true",
        "chorus.rate-limit.reads-per-window=5"})
class WarmUpBeforeReadyIT {

    @Autowired
    WebTestClient http;

    @Autowired
    WarmUpPass pass;

    @Autowired
    MeterRegistry meters;

    @Test
    void theWarmUpIsAnsweredBeforeReadinessAndLeavesTheRateLimitAndNoPassBehind() {
        assertThat(meters.get("chorus.gateway.warm.up.answered").counter().count()).isEqualTo(40);
        assertThat(pass.value()).as("the pass after the warm-up").isEmpty();

        // a header claiming to be the warm-up is an ordinary read now: the limit counts it, from the first of five
        for (int i = 0; i < 5; i++) {
            http.get().uri("/api/stories").header(WarmUpPass.HEADER, "forged").exchange().expectStatus().isOk();
        }
        http.get().uri("/api/stories").header(WarmUpPass.HEADER, "").exchange().expectStatus().isEqualTo(429);
    }
}
