package org.chorus.gateway.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.SecondGateway;
import org.chorus.gateway.StubbedServices;
import org.chorus.gateway.redis.LocalRedis;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two gateways behind one load balancer share one Redis: a challenge one issued is solved at the other, and a solution
 * spent at one is refused at the other, so a program cannot send one solution to every gateway at once.
 */
@GatewayIntegrationTest
class RedisProofOfWorkIT {

    static final String PREFIX = LocalRedis.uniquePrefix();
    static final List<String> SETTINGS = List.of(
            "chorus.redis.enabled=true",
            "chorus.redis.key-prefix=" + PREFIX,
            "chorus.rate-limit.secret=test-secret-shared-by-all-gateways",
            "chorus.proof-of-work.enabled=true",
            "chorus.proof-of-work.difficulty=2000",
            "chorus.services.stories=" + StubbedServices.stub());
    private static final String STORY = "{\"text\":\"a story\",\"language\":\"en\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @BeforeAll
    static void redisMustRun() {
        LocalRedis.requireRunning();
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        SecondGateway.register(registry, SETTINGS);
    }

    @AfterAll
    static void forgetThisRunsKeys(@Autowired ReactiveStringRedisTemplate redis) {
        redis.keys(PREFIX + "*").flatMap(redis::delete).blockLast();
    }

    @Test
    void aSolutionIssuedAtOneGatewayPassesAtAnotherOnceAndOnlyOnce(@Autowired ReactiveStringRedisTemplate redis)
            throws Exception {
        try (ConfigurableApplicationContext second = SecondGateway.start(SETTINGS)) {
            String mine = "http://127.0.0.1:" + port;
            String other = SecondGateway.url(second);
            String solution = ProofOfWork.solve(http, mine);

            assertThat(submit(other, solution).statusCode()).as("solved at the other gateway").isEqualTo(201);
            HttpResponse<String> replay = submit(mine, solution);
            assertThat(replay.statusCode()).as("replayed at the first").isEqualTo(400);
            assertThat(replay.body()).contains("already been used");
        }
        List<String> keys = redis.keys(PREFIX + "proof:*").collectList().block();
        assertThat(keys).hasSize(1).noneMatch(key -> key.contains("127.0.0.1"));
        assertThat(redis.getExpire(keys.get(0)).block()).as("a spent mark expires with its challenge").isPositive();
    }

    private HttpResponse<String> submit(String gateway, String solution) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/stories"))
                .timeout(java.time.Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header(ProofOfWork.HEADER, solution)
                .POST(HttpRequest.BodyPublishers.ofString(STORY)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
