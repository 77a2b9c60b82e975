package org.chorus.gateway.surge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Two reads held by a slow (stub) stories-service saturate a gateway allowed two in flight: a further story read is
 * shed at once with 503, while a story submission, the hotlines and the site itself are still served.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "chorus.edge.shedding.reads-in-flight=2")
class ShedReadsFirstIT {

    // HTTP/1.1 and a timeout on every request: the JDK client's h2c upgrade on a kept-alive connection was seen to
    // stall a request for good in one CI run
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void whenTheServicesAreSaturatedReadsAreShedAndSurvivorsWritesStillPass() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = IntStream.range(0, 2)
                // two readers of two addresses: two of one address would be one request to the service (MicroCache)
                .mapToObj(i -> http.sendAsync(get("/api/stories/slow?reader=" + i),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        HttpResponse<String> shed = await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(get("/api/stories?page=" + System.nanoTime())), answer -> answer.statusCode() == 503);

        assertThat(shed.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(shed.body()).contains("\"busy\":true", "1-800-656-4673");
        assertThat(send(HttpRequest.newBuilder(uri("/api/stories")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"t\",\"language\":\"en\"}")).build())
                .statusCode()).as("a story submission while reads are shed").isEqualTo(201);
        assertThat(send(get("/api/resources/hotlines")).statusCode()).as("the hotlines").isEqualTo(200);
        assertThat(send(get("/share.html")).statusCode()).as("the site").isEqualTo(200);

        CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).join();
        assertThat(send(get("/api/stories?page=" + System.nanoTime())).statusCode()).as("after the surge")
                .isEqualTo(200);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
