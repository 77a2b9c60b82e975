package org.chorus.gateway.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.StubService;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Anonymous writes reach the (stub) stories-service only with a solved, unexpired, unused challenge; the stub counts
 * every POST it receives, so a refusal is seen to stop the write at the gateway, whatever spelling its path has.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {"chorus.proof-of-work.enabled=true", "chorus.proof-of-work.difficulty=2000"})
class ProofOfWorkIT {

    private static final String STORY = "{\"text\":\"a story\",\"language\":\"en\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void aChallengeIsFreshEachTimeAndNeverCached() throws Exception {
        HttpResponse<String> first = send(get("/api/challenge"));
        HttpResponse<String> second = send(get("/api/challenge"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(first.body()).contains("\"algorithm\":\"SHA-256\"", "\"maxnumber\":2000", "?expires=");
        assertThat(second.body()).isNotEqualTo(first.body());
    }

    @Test
    void aStoryWithoutASolutionIsRefusedNamingTheHeaderWithTheHotlinesAndNeverReachesTheService() throws Exception {
        int before = StubService.writesReceived();

        HttpResponse<String> refused = send(post("/api/stories", STORY).build());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"field\":\"Chorus-Proof\"", "\"challenge\":\"/api/challenge\"",
                "1-800-656-4673");
        assertThat(StubService.writesReceived()).isEqualTo(before);
    }

    @Test
    void aSolvedStoryPassesOnceAndItsSolutionIsRefusedTheSecondTime() throws Exception {
        String solution = solve();

        assertThat(send(post("/api/stories", STORY).header(ProofOfWork.HEADER, solution).build()).statusCode())
                .isEqualTo(201);
        int after = StubService.writesReceived();
        HttpResponse<String> replay = send(post("/api/stories", STORY).header(ProofOfWork.HEADER, solution).build());

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("already been used");
        assertThat(StubService.writesReceived()).isEqualTo(after);
    }

    @Test
    void manyWritesAtOnceWithOneSolutionPassOnlyOnce() throws Exception {
        String solution = solve();
        List<Integer> statuses = java.util.stream.IntStream.range(0, 8).parallel().mapToObj(i -> {
            try {
                return send(post("/api/stories", STORY).header(ProofOfWork.HEADER, solution).build()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();

        assertThat(statuses).containsOnlyOnce(201).filteredOn(status -> status != 201).containsOnly(400);
    }

    @Test
    void everySpellingOfTheSubmissionPathThatReachesTheServiceMeetsTheCheck() throws Exception {
        for (String path : List.of("/api/stories/", "/api/stories;x=1", "/api/%73tories", "//api/stories",
                "/api/stories/.", "/API/stories", "/api/stories%2F", "/api/./stories")) {
            int before = StubService.writesReceived();
            HttpResponse<String> answer = send(post(path, STORY).build());

            assertThat(answer.statusCode()).as(path).isNotEqualTo(201);
            assertThat(StubService.writesReceived()).as(path + " reached the service without a solution")
                    .isEqualTo(before);
        }
    }

    @Test
    void reportsAndNewSubscriptionsNeedASolutionToo() throws Exception {
        HttpResponse<String> report = send(post("/api/stories/" + UUID.randomUUID() + "/reports",
                "{\"reason\":\"SPAM\"}").build());
        HttpResponse<String> subscription = send(post("/api/subscriptions",
                "{\"email\":\"reader@example.org\",\"language\":\"en\",\"topics\":[\"anniversary\"]}").build());

        assertThat(report.statusCode()).isEqualTo(400);
        assertThat(report.body()).contains("\"field\":\"Chorus-Proof\"");
        assertThat(subscription.statusCode()).isEqualTo(400);
        assertThat(subscription.body()).contains("\"field\":\"Chorus-Proof\"");

        String solution = solve();
        String story = UUID.randomUUID().toString();
        assertThat(send(post("/api/stories/" + story + "/reports", "{\"reason\":\"SPAM\"}")
                .header(ProofOfWork.HEADER, solution).build()).statusCode()).isEqualTo(202);
        assertThat(StubService.reportsReceived(story)).isEqualTo(1);
    }

    @Test
    void writesWithATokenFromAMailNeedNoSolutionSoOneClickUnsubscribeKeepsWorking() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/stories/manage")).header("Content-Type", "application/json")
                .header("Authorization", "Manage x").PUT(HttpRequest.BodyPublishers.ofString(STORY)).build())
                .statusCode()).isEqualTo(200);
        // notifications-service is not running here: whatever answers, it is not the proof-of-work's refusal
        HttpResponse<String> unsubscribe = send(post("/api/subscriptions/unsubscribe?token=t",
                "List-Unsubscribe=One-Click").header("Content-Type", "application/x-www-form-urlencoded").build());
        assertThat(unsubscribe.body()).doesNotContain("Chorus-Proof");
    }

    @Test
    void aFilledHoneypotIsRefusedEvenWithASolution() throws Exception {
        int before = StubService.writesReceived();

        HttpResponse<String> refused = send(post("/api/stories", STORY).header(ProofOfWork.HEADER, solve())
                .header("Chorus-Honeypot", "https://spam.example").build());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"website\"");
        assertThat(StubService.writesReceived()).isEqualTo(before);
    }

    @Test
    void hostileSolutionsAreRefusedAsBadRequestsNeverAsServerErrors() throws Exception {
        String solution = solve();
        for (String hostile : List.of("'; drop table story; --", "<script>alert(1)</script>", "x".repeat(6000),
                solution + solution, "e30=")) {
            HttpResponse<String> answer = send(post("/api/stories", STORY).header(ProofOfWork.HEADER, hostile).build());
            assertThat(answer.statusCode()).as(hostile.substring(0, Math.min(30, hostile.length()))).isEqualTo(400);
        }
        HttpResponse<String> twice = send(post("/api/stories", STORY).header(ProofOfWork.HEADER, solution)
                .header(ProofOfWork.HEADER, solve()).build());
        assertThat(twice.statusCode()).as("two solutions in one request").isEqualTo(400);
    }

    private String solve() throws IOException, InterruptedException {
        return ProofOfWork.solve(http, "http://127.0.0.1:" + port);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
