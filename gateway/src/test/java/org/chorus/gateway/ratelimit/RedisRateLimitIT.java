package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.SecondGateway;
import org.chorus.gateway.StubbedServices;
import org.chorus.gateway.redis.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two gateways behind one load balancer (chorus.edge.proxies.hops=1) sharing one Redis count a reader's writes
 * together and each reader apart, and Redis never holds a reader's address. On the old code every request with
 * X-Forwarded-For was counted as one client, so a second reader was refused.
 */
@GatewayIntegrationTest
class RedisRateLimitIT {

    static final String PREFIX = LocalRedis.uniquePrefix();
    static final List<String> SETTINGS = List.of(
            "chorus.redis.enabled=true",
            "chorus.rate-limit.enabled=true",
            "chorus.edge.proxies.hops=1",
            "chorus.redis.key-prefix=" + PREFIX,
            "chorus.rate-limit.secret=test-secret-shared-by-all-gateways",
            "chorus.rate-limit.writes-per-window=2",
            "chorus.services.stories=" + StubbedServices.down());

    @BeforeAll
    static void redisMustRun() {
        LocalRedis.requireRunning();
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        SecondGateway.register(registry, SETTINGS);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @AfterAll
    static void forgetThisRunsKeys(@Autowired ReactiveStringRedisTemplate redis) {
        redis.keys(PREFIX + "*").flatMap(redis::delete).blockLast();
    }

    @Test
    void writesAreCountedAcrossGatewaysAndTheThirdIsRefused() {
        try (ConfigurableApplicationContext second = SecondGateway.start(SETTINGS)) {
            // a loaded machine can take seconds over a cold gateway's first request
            WebTestClient mine = http.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
            WebTestClient other = WebTestClient.bindToServer().responseTimeout(java.time.Duration.ofSeconds(30))
                    .baseUrl(SecondGateway.url(second)).build();

            write(mine, "203.0.113.10").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
            write(other, "203.0.113.10").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));

            write(mine, "203.0.113.10").expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            write(other, "192.0.2.1, 203.0.113.10").expectStatus().value(status ->
                    assertThat(status).as("a forged entry gives no fresh count").isEqualTo(429));

            write(other, "203.0.113.11").expectStatus().value(status ->
                    assertThat(status).as("another reader").isNotEqualTo(429));
            write(mine, "2001:db8:7:7::1").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
            write(other, "2001:db8:7:7::2").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
            write(mine, "2001:db8:7:7:ffff::3").expectStatus().value(status ->
                    assertThat(status).as("the same /64").isEqualTo(429));
        }

        List<String> keys = redis.keys(PREFIX + "rate:*").collectList().block();
        assertThat(keys).isNotEmpty().noneMatch(key -> key.contains("127.0.0.1") || key.contains("0:0:0:0")
                || key.contains("203.0.113") || key.contains("2001:db8"));
        assertThat(redis.getExpire(keys.get(0)).block()).as("a counter expires with its window").isPositive();
    }

    @Test
    void aReportTheServiceDidNotTakeIsTakenBackInRedisAndItsCounterKeepsItsExpiry() {
        String story = java.util.UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            // stories-service is down here: a 503 each time, never the 202 of a repeated report
            http.post().uri("/api/stories/" + story + "/reports").header("X-Forwarded-For", "203.0.113.30")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"SPAM\"}").exchange()
                    .expectStatus().isEqualTo(503);
        }

        List<String> keys = redis.keys(PREFIX + "rate:report:" + story + ":*").collectList().block();
        assertThat(keys).hasSize(1);
        assertThat(redis.opsForValue().get(keys.get(0)).block()).isEqualTo("0");
        assertThat(redis.getExpire(keys.get(0)).block()).as("taken back, still expiring").isPositive();
    }

    private static WebTestClient.ResponseSpec write(WebTestClient client, String forwardedFor) {
        return client.post().uri("/api/stories").header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }
}
