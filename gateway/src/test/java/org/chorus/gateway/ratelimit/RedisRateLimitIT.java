package org.chorus.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
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

/** Two gateways sharing one Redis count a client's writes together, and Redis never holds the client's address. */
@GatewayIntegrationTest
class RedisRateLimitIT {

    static final String PREFIX = LocalRedis.uniquePrefix();
    static final List<String> SETTINGS = List.of(
            "chorus.redis.enabled=true",
            "chorus.rate-limit.enabled=true",
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
        for (String setting : SETTINGS) {
            String[] pair = setting.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
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
        try (ConfigurableApplicationContext second = SecondGateway.start(Stream.concat(Stream.of("server.port=0"),
                SETTINGS.stream()).map(setting -> "--" + setting).toArray(String[]::new))) {
            // a loaded machine can take seconds over a cold gateway's first request
            WebTestClient mine = http.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
            WebTestClient other = WebTestClient.bindToServer().responseTimeout(java.time.Duration.ofSeconds(30))
                    .baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port")).build();

            write(mine).expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
            write(other).expectStatus().value(status -> assertThat(status).isNotEqualTo(429));

            write(mine).expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        List<String> keys = redis.keys(PREFIX + "rate:*").collectList().block();
        assertThat(keys).isNotEmpty().noneMatch(key -> key.contains("127.0.0.1") || key.contains("0:0:0:0"));
        assertThat(redis.getExpire(keys.get(0)).block()).as("a counter expires with its window").isPositive();
    }

    private static WebTestClient.ResponseSpec write(WebTestClient client) {
        return client.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }
}
