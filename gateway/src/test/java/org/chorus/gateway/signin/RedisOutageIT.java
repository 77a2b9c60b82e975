package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.SecondGateway;
import org.chorus.gateway.StubbedServices;
import org.chorus.testsupport.ChildProcess;
import org.chorus.testsupport.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fault 5 of the reliability suite: two gateways share a Redis of their own (a redis-server child process), which is
 * killed and started again. While it is down readers and survivors notice nothing, each gateway counts rate limits in
 * its own memory (a client gets the limit at each gateway: neither refusing survivors because a cache is down nor
 * dropping every limit during the outage a flood could cause), and a signed-in staff member gets a 503 problem, not
 * an error page. When it is back everything recovers without a restart: limits are shared again, and staff sign in
 * again (Redis here keeps nothing on disk, so the sessions went with it).
 */
@GatewayIntegrationTest
class RedisOutageIT {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    private static final int PORT = Ports.free();
    private static final String WRITER = "203.0.113.77";
    static final List<String> SETTINGS = List.of(
            "chorus.redis.enabled=true",
            "spring.data.redis.port=" + PORT,
            "chorus.rate-limit.enabled=true",
            "chorus.rate-limit.writes-per-window=2",
            "chorus.rate-limit.reads-per-window=1000",
            "chorus.rate-limit.staff-per-window=1000",
            "chorus.rate-limit.sign-in-per-window=1000",
            "chorus.rate-limit.secret=test-secret-shared-by-all-gateways",
            "chorus.edge.proxies.hops=1",
            "chorus.proof-of-work.enabled=false",
            "chorus.services.stories=" + StubbedServices.stub());

    private static ChildProcess redis;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startRedis() {
        if (!Files.isExecutable(REDIS_SERVER)) {
            String reason = "This test starts and kills its own redis-server, and " + REDIS_SERVER + " is missing";
            if (!"true".equals(System.getenv("CHORUS_REQUIRE_ALL"))) {
                Assumptions.abort(reason + "; skipped here, required on CI (apt-get install redis-server)");
            }
            throw new AssertionError(reason);
        }
        redis = start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        SecondGateway.register(registry, SETTINGS);
    }

    @Test
    void readersNeverNoticeLimitsHoldPerGatewayStaffGetA503AndAllRecoversWhenRedisIsBack() throws Exception {
        try (ConfigurableApplicationContext second = SecondGateway.start(SETTINGS)) {
            String one = "http://localhost:" + port;
            String two = SecondGateway.url(second);
            Browserless staff = new Browserless();
            staff.signIn(one, "moderator");
            Browserless.expect(staff.get(two + "/api/me"), 200);

            redis.close();

            assertThat(status(one, "GET", "/api/stories", "192.0.2.1")).as("a reader at one").isEqualTo(200);
            assertThat(status(two, "GET", "/api/stories", "192.0.2.1")).as("a reader at two").isEqualTo(200);
            assertThat(List.of(status(one, "POST", "/api/stories", WRITER), status(one, "POST", "/api/stories", WRITER),
                    status(one, "POST", "/api/stories", WRITER))).as("one writer at one gateway").containsExactly(201, 201, 429);
            assertThat(List.of(status(two, "POST", "/api/stories", WRITER), status(two, "POST", "/api/stories", WRITER),
                    status(two, "POST", "/api/stories", WRITER))).as("the same writer at the other").containsExactly(201, 201, 429);
            // every one of those was counted from memory, and the dashboards see it
            assertThat(meters.get("chorus.gateway.redis.fallbacks").tag("use", "rate-limit").counter().count())
                    .isGreaterThanOrEqualTo(4);
            HttpResponse<String> me = staff.get(one + "/api/me");
            assertThat(me.statusCode()).as("a signed-in moderator while Redis is down").isEqualTo(503);
            assertThat(me.body()).contains("Staff sign-in is not available");
            assertThat(me.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            redis = start();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> staff.get(one + "/api/me").statusCode() == 401);
            // (a browser that kept its Keycloak session would be signed in again by one redirect)
            Browserless again = new Browserless();
            again.signIn(one, "moderator");
            Browserless.expect(again.get(two + "/api/me"), 200);
            String another = "203.0.113.78";
            assertThat(List.of(status(one, "POST", "/api/stories", another), status(two, "POST", "/api/stories", another),
                    status(one, "POST", "/api/stories", another))).as("shared counting again").containsExactly(201, 201, 429);
        }
    }

    private static ChildProcess start() {
        ChildProcess started = ChildProcess.start("redis-" + PORT, new ProcessBuilder(REDIS_SERVER.toString(),
                "--port", Integer.toString(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                line -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> Ports.listening(PORT));
        return started;
    }

    /**
     * One request on a connection of its own. On a kept-alive loopback connection a request has now and then got no
     * answer at all, and neither gateway's access log had it until the client gave up (README "Reliability": the
     * stall's cause is not known). Sending it again was no cure here: the first attempt could still be counted when
     * the connection closed, and a third write then met the limit a request early.
     */
    private static int status(String gateway, String method, String path, String client) throws Exception {
        return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), gateway, method, path, client);
    }

    private static int send(HttpClient http, String gateway, String method, String path, String client)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("X-Forwarded-For", client).timeout(Duration.ofSeconds(5));
        request = "POST".equals(method) ? request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"t\",\"language\":\"en\"}")) : request.GET();
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
