package org.chorus.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.UnexpectedFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the edge adds to every answer, and what its access log may and may not hold. */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EdgeHeadersAndLogIT {

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

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

    @Test
    void theAccessLineAndAnUnexpectedErrorsLineNameTheTraceOfTheirRequest(CapturedOutput output) {
        // the trace the gateway began for this read, as the service was told it
        String read = http.get().uri("/api/stories/trace-headers").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody().split("-")[1];
        int before = output.getAll().length();
        http.get().uri(UnexpectedFailure.PATH).exchange().expectStatus().isEqualTo(500);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(accessLines(output)).anySatisfy(line -> assertThat(line).contains(read)
                    .contains("GET stories /api/stories/trace-headers 200"));
            assertThat(accessLines(output))
                    .anySatisfy(line -> assertThat(line).contains(UnexpectedFailure.PATH + " 500"));
        });
        String access = accessLines(output).stream().filter(line -> line.contains(UnexpectedFailure.PATH + " 500"))
                .reduce((first, last) -> last).orElseThrow();
        Matcher trace = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}]").matcher(access);
        assertThat(trace.find()).as(access).isTrue();
        assertThat(output.getAll().substring(before).lines()
                .filter(line -> line.contains("Unexpected error at the gateway")))
                .singleElement().satisfies(line -> assertThat(line).contains(trace.group(1)));
    }

    @Test
    void aReadersTraceHeadersAreNeitherContinuedNorPassedOnTheServiceGetsTheGatewaysOwnTrace() {
        // a reader who would choose its trace and have every request sampled
        String trace = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        http.get().uri("/api/stories/trace-headers").header("traceparent", "00-" + trace + "-" + callerSpan + "-01")
                .header("b3", trace + "-" + callerSpan + "-1").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.traceparent").value(String.class, traceparent -> assertThat(traceparent)
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(trace, callerSpan))
                .jsonPath("$.b3").isEqualTo("");
    }

    @Test
    void anUnexpectedFailureIsA500WhoseLogHasTheClassAndStackButNothingOfTheRequest(CapturedOutput output) {
        int before = output.getAll().length();
        http.get().uri(UnexpectedFailure.PATH + "?email=survivor@example.org&zip=10001").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("survivor@example.org"));

        assertThat(output.getAll().substring(before))
                .contains("Unexpected error at the gateway: java.lang.IllegalStateException", "\tat org.chorus.gateway.",
                        "Caused by: java.lang.RuntimeException")
                .doesNotContain("survivor@example.org", "zip=10001", "story text", "DETAIL");
    }

    @Test
    void aClientThatHangsUpBeforeItsAnswerIsNoErrorAndLeavesNothingOfItsRequestInTheLog(CapturedOutput output)
            throws IOException, InterruptedException {
        int before = output.getAll().length();
        String story = "I never told anyone until now";
        try (Socket client = new Socket("127.0.0.1", port)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /api/stories?email=survivor@example.org HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{\"text\":\"" + story)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            // the gateway has begun to pass the body on when the client goes away
            Thread.sleep(500);
        }
        // and once more while the service takes its time to answer
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write("GET /api/stories/slow?q=survivor@example.org HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            Thread.sleep(500);
        }

        // what the gateway makes of a closed connection shows within a second or two, if at all
        Thread.sleep(3_000);
        String log = output.getAll().substring(before);
        assertThat(log.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf(" ERROR ", "\tat "));
        assertThat(log).doesNotContain("survivor@example.org", story);
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

    /** Over TLS, i.e. as a trusted proxy says (BehindATrustedProxyIT); here no proxy is trusted. */
    @Test
    void hstsOnlyWhenTheRequestArrivedOverTls() {
        http.get().uri("/").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
        http.get().uri("/").header("X-Forwarded-Proto", "https").exchange()
                .expectHeader().doesNotExist("Strict-Transport-Security");
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
