package org.chorus.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Every error the gateway makes itself is problem+json, with a fixed sentence and nothing of the request in it.
 * The stub stories-service is slow or hangs up on request; notifications-service is down.
 */
@GatewayIntegrationTest
class GatewayErrorsIT {

    @Autowired
    WebTestClient http;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void unknownPathIsA404Problem() {
        for (String path : new String[] {"/no-such-page", "/api/no-such-api", "/admin/no-such-tool"}) {
            problem(http.get().uri(path).exchange().expectStatus().isNotFound(), 404);
        }
    }

    @Test
    void hostilePathsAreA404ProblemThatEchoesNothing() {
        for (String path : new String[] {
                "/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/api/x'%20OR%201=1--", "/api/%F0%9F%92%A5%E2%80%AE",
                "/" + "a".repeat(3_000), "/api/..%2F..%2Fetc%2Fpasswd"}) {
            http.get().uri(java.net.URI.create("http://localhost:" + port + path)).exchange()
                    .expectStatus().value(status -> assertThat(status).isIn(400, 404))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).value(body -> assertThat(body)
                            .doesNotContain("script", "OR 1", "passwd", "aaaa", "\uD83D"));
        }
    }

    @Test
    void wrongMethodOnAGatewayAddressIsA405Problem() {
        problem(http.put().uri("/assets/chorus.css").exchange().expectStatus().isEqualTo(405)
                .expectHeader().exists("Allow"), 405);
    }

    @Test
    void staffApiWithoutCredentialsIsA401ProblemThatNamesBearer() {
        problem(http.get().uri("/api/admin/stories").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer"), 401);
        problem(http.get().uri("/api/me").exchange().expectStatus().isUnauthorized(), 401);
    }

    @Test
    void aServiceThatIsDownIsA503Problem() {
        problem(http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"reader@example.org\"}").exchange()
                .expectStatus().isEqualTo(503), 503);
    }

    @Test
    void aServiceThatIsTooSlowIsA504Problem() {
        problem(http.get().uri("/api/stories/slow").exchange().expectStatus().isEqualTo(504), 504);
    }

    @Test
    void aServiceThatHangsUpIsA502Problem() {
        problem(http.get().uri("/api/stories/hang-up").exchange().expectStatus().isEqualTo(502), 502);
    }

    @Test
    void aStoryWithinItsLimitReachesTheService() {
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"" + "a".repeat(60_000) + "\"}").exchange()
                .expectStatus().isCreated();
    }

    @Test
    void aStoryOverItsLimitIsA413ProblemBeforeTheServiceSeesIt() {
        problem(http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"" + "a".repeat(70_000) + "\"}").exchange()
                .expectStatus().isEqualTo(413), 413);
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheLimit() {
        Flux<DataBuffer> chunks = Flux.range(0, 20).map(i ->
                DefaultDataBufferFactory.sharedInstance.wrap(new byte[8 * 1024]));
        problem(http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413), 413);
    }

    @Test
    void reportsAndSubscriptionsAcceptOnlySmallBodies() {
        problem(http.post().uri("/api/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/reports")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"" + "x".repeat(5_000) + "\"}")
                .exchange().expectStatus().isEqualTo(413), 413);
        problem(http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"" + "x".repeat(9_000) + "\"}")
                .exchange().expectStatus().isEqualTo(413), 413);
    }

    private static void problem(WebTestClient.ResponseSpec response, int status) {
        response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist()
                .consumeWith(body -> assertThat(new String(body.getResponseBodyContent()))
                        .doesNotContain("Exception", "at org.", "127.0.0.1", "reader@example.org", "xxxxx"));
    }
}
