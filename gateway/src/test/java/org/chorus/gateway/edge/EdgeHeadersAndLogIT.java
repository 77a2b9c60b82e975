package org.chorus.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;

/** What the edge adds to every answer, and what its access log may and may not hold. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class EdgeHeadersAndLogIT {

    static final DisposableServer STORIES = StubService.start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chorus.services.stories", () -> "http://127.0.0.1:" + STORIES.port());
    }

    @AfterAll
    static void stopStub() {
        STORIES.disposeNow();
    }

    @Autowired
    WebTestClient http;

    @Test
    void accessLogHasMethodRoutePathStatusAndDurationButNoAddressQueryOrBody(CapturedOutput output) {
        String story = "I never told anyone until now";
        http.post().uri("/api/stories?email=survivor@example.org&zip=10001")
                .header("X-Forwarded-For", "203.0.113.77")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"" + story + "\"}")
                .exchange().expectStatus().isCreated();
        http.get().uri("/api/stories?q=survivor@example.org").header("X-Forwarded-For", "203.0.113.77")
                .exchange().expectStatus().isOk();

        // the access log is written by a background thread (logback-spring.xml)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = accessLines(output);
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(".*POST stories-submission /api/stories 201 \\d+ms$"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(".*GET stories /api/stories 200 \\d+ms$"));
        });
        List<String> lines = accessLines(output);
        assertThat(output.getAll()).doesNotContain("203.0.113.77", "survivor@example.org", "zip=10001", story);
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains("127.0.0.1"));
    }

    private static List<String> accessLines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("org.chorus.gateway.access")).toList();
    }

    @Test
    void servicesNeverLearnTheReadersAddressOrSeeTheSessionCookie() {
        http.get().uri("/api/admin/stories").header("X-Forwarded-For", "203.0.113.77")
                .header("Cookie", "SESSION=abc").exchange()
                // no credentials: refused at the edge, the service never sees the request
                .expectStatus().isUnauthorized();
    }

    @Test
    void personalAnswersAreNotStoredEvenWhenTheServiceSaysTheyMayBe() {
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"t\"}")
                .exchange().expectHeader().valueEquals("Cache-Control", "no-store");
        http.get().uri("/admin").exchange().expectHeader().valueEquals("Cache-Control", "no-store");
    }

    @Test
    void publicReadsKeepTheServicesCachingAdvice() {
        http.get().uri("/api/stories").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "max-age=60");
    }

    @Test
    void hstsOnlyWhenTheRequestArrivedOverTls() {
        http.get().uri("/").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
        http.get().uri("/").header("X-Forwarded-Proto", "https").exchange()
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=\\d+.*");
    }

    @Test
    void thePublicSiteSetsNoCookie() {
        http.get().uri("/").exchange().expectHeader().doesNotExist("Set-Cookie");
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"t\"}")
                .exchange().expectStatus().isCreated().expectHeader().doesNotExist("Set-Cookie");
    }

    @Test
    void everyAnswerCarriesTheStrictHeaders() {
        for (String path : List.of("/", "/admin", "/api/stories", "/no-such-page")) {
            http.get().uri(path).exchange()
                    .expectHeader().valueEquals("Content-Security-Policy",
                            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().exists("Permissions-Policy");
        }
    }
}
