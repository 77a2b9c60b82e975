package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.chorus.gateway.SecondGateway;
import org.chorus.gateway.StubbedServices;
import org.chorus.gateway.redis.LocalRedis;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several gateways behind one load balancer: sessions (and the tokens in them) live in Redis, so a staff member
 * signed in through one gateway is signed in at another, and signed out at all of them.
 */
class StaffSignInRedisIT extends StaffSignInFlow {

    static final String PREFIX = LocalRedis.uniquePrefix();

    @BeforeAll
    static void redisMustRun() {
        LocalRedis.requireRunning();
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("chorus.redis.enabled", () -> "true");
        registry.add("chorus.redis.key-prefix", () -> PREFIX);
        registry.add("chorus.rate-limit.secret", () -> "test-secret-shared-by-all-gateways");
    }

    @Autowired
    ReactiveStringRedisTemplate redis;

    @AfterAll
    static void forgetThisRunsKeys(@Autowired ReactiveStringRedisTemplate redis) {
        redis.keys(PREFIX + "*").flatMap(redis::delete).blockLast();
    }

    @Test
    void aSessionStartedAtOneGatewayIsHonouredByAnotherAndEndsAtBoth() {
        browser.signIn(gateway(), "moderator");
        assertThat(sessionKeys()).as("sessions in Redis under this run's prefix").isNotEmpty();

        try (ConfigurableApplicationContext second = secondGateway()) {
            String other = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> me = browser.get(other + "/api/me");
            Browserless.expect(me, 200);
            assertThat(json(me).get("name").asString()).isEqualTo("moderator");
            HttpResponse<String> queue = browser.get(other + "/api/admin/stories");
            Browserless.expect(queue, 200);
            assertThat(json(queue).get("bearer").asBoolean()).as("the token came with the session").isTrue();

            Browserless.expect(browser.post(gateway() + "/logout", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"),
                    "Accept", "application/json"), 200);

            Browserless.expect(browser.get(other + "/api/me"), 401);
        }
    }

    @Test
    void redisHoldsNoTokenNameOrRoleOfASignedInStaffMemberInClear() {
        browser.signIn(gateway(), "moderator");

        List<String> values = sessionKeys().stream()
                .filter(key -> "HASH".equals(redis.type(key).map(Object::toString).block()))
                .flatMap(key -> redis.opsForHash().values(key).map(String::valueOf).collectList().block().stream())
                .toList();
        assertThat(values).isNotEmpty()
                .noneMatch(value -> value.contains("eyJ") || value.contains("moderator") || value.contains("access_token"));
    }

    private List<String> sessionKeys() {
        return redis.keys(PREFIX + "session*").collectList().block();
    }

    private ConfigurableApplicationContext secondGateway() {
        return SecondGateway.start(
                "--server.port=0",
                "--chorus.redis.enabled=true",
                "--chorus.redis.key-prefix=" + PREFIX,
                "--chorus.rate-limit.secret=test-secret-shared-by-all-gateways",
                "--chorus.rate-limit.enabled=false",
                "--chorus.services.stories=" + StubbedServices.stub(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + Infrastructure.keycloak().issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + Infrastructure.keycloak().jwkSetUri());
    }
}
