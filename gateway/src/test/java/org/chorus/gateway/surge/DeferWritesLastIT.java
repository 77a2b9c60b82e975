package org.chorus.gateway.surge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway allowed one read and two requests in all in flight: with a slow read and a slow write held by the (stub)
 * stories-service, a story submission is answered 503 at once, with Retry-After, for the site to send again, instead
 * of waiting behind the queue; once they are answered it is taken again.
 */
@GatewayIntegrationTest
// the stub holds its slow answers 5 s: the route must wait for them (the test setting is 2 s)
@TestPropertySource(properties = {"chorus.edge.shedding.reads-in-flight=1", "chorus.edge.shedding.writes-in-flight=2",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=10s"})
class DeferWritesLastIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void aWriteIsDeferredAtOnceOnlyWhenFarMoreThanTheReadBoundIsInFlight() throws Exception {
        CompletableFuture<HttpResponse<String>> slowRead = http.sendAsync(
                HttpRequest.newBuilder(uri("/api/stories/slow")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        // one in flight: reads are shed already, writes still pass
        assertThat(send(HttpRequest.newBuilder(uri("/api/stories?page=1")).timeout(Duration.ofSeconds(20)).build())
                .statusCode()).as("a read at the read bound").isEqualTo(503);
        CompletableFuture<HttpResponse<String>> slowWrite = http.sendAsync(HttpRequest.newBuilder(
                        uri("/api/stories/manage/slow")).timeout(Duration.ofSeconds(20))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);

        long started = System.nanoTime();
        HttpResponse<String> deferred = send(submission());
        assertThat(deferred.statusCode()).as("a submission at the write bound").isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered at once, not queued")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(deferred.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(deferred.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(deferred.body()).contains("\"busy\":true", "still on the page", "1-800-656-4673");

        assertThat(slowRead.join().statusCode()).isEqualTo(200);
        assertThat(slowWrite.join().statusCode()).isEqualTo(200);
        assertThat(send(submission()).statusCode()).as("the same submission sent again").isEqualTo(201);
    }

    private HttpRequest submission() {
        return HttpRequest.newBuilder(uri("/api/stories")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"t\",\"language\":\"en\"}")).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
