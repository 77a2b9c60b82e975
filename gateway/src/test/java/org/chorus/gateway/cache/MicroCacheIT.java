package org.chorus.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.gateway.StubService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The micro-cache in front of the stub stories-service: which answers a second reader gets from the gateway, and
 * every way a personal or unmarked answer could have been kept and was not.
 */
@GatewayIntegrationTest
class MicroCacheIT {

    @Autowired
    WebTestClient http;

    @ParameterizedTest
    @ValueSource(strings = {"public", "max-age-only", "shouting", "shared-max-age"})
    void anAnswerTheServiceMarkedForSharedCachesIsServedToTheNextReaderFromTheGateway(String marking) {
        String path = "/api/stories/caching/" + marking;

        String first = read(path, null);
        String second = read(path, null);

        assertThat(second).isEqualTo(first);
        assertThat(StubService.timesServed(path)).isEqualTo(1);
    }

    @Test
    void aLargeAnswerThatArrivedInManyPiecesIsKeptWhole() {
        String path = "/api/stories/caching/large";

        String first = read(path, null);
        String second = read(path, null);

        assertThat(first).startsWith("{\"served\":1,").endsWith("\"49-" + "x".repeat(2000) + "\"]}");
        assertThat(second).isEqualTo(first);
        assertThat(StubService.timesServed(path)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-security", "no-store-in-a-list", "no-store-on-a-second-line", "private",
            "private-fields", "no-cache-fields", "set-cookie", "vary", "unmarked", "unreadable-age"})
    void anAnswerThatIsPersonalOrUnmarkedIsNeverKept(String marking) {
        String path = "/api/stories/caching/" + marking;

        read(path, null);
        read(path, null);

        assertThat(StubService.timesServed(path)).isEqualTo(2);
    }

    @Test
    void anErrorIsNeverKept() {
        String path = "/api/stories/caching/not-found";
        http.get().uri(path).exchange().expectStatus().isNotFound();
        http.get().uri(path).exchange().expectStatus().isNotFound();

        assertThat(StubService.timesServed(path)).isEqualTo(2);
    }

    @Test
    void aReaderWithACookieNeitherFillsNorReadsTheCacheAndABearerTokenIsCheckedBeforeAnyCopy() {
        String path = "/api/stories/caching/public?reader=staff";
        http.get().uri(path).header(HttpHeaders.COOKIE, "SESSION=abc").exchange().expectStatus().isOk();
        http.get().uri(path).header(HttpHeaders.COOKIE, "SESSION=abc").exchange().expectStatus().isOk();
        assertThat(StubService.timesServed(path)).as("nothing kept for them").isEqualTo(2);

        read(path, null);
        read(path, null);
        assertThat(StubService.timesServed(path)).as("kept for the public").isEqualTo(3);
        http.get().uri(path).header(HttpHeaders.COOKIE, "SESSION=abc").exchange().expectStatus().isOk();
        assertThat(StubService.timesServed(path)).as("not served the public copy either").isEqualTo(4);
        // the cache sits behind Spring Security: a forged token is refused, never answered from a copy
        http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer forged").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void eachQueryIsItsOwnEntryAndAKeptAnswerSaysItsAge() {
        read("/api/stories/caching/public?page=1", null);
        read("/api/stories/caching/public?page=2", null);
        assertThat(StubService.timesServed("/api/stories/caching/public?page=1")).isEqualTo(1);
        assertThat(StubService.timesServed("/api/stories/caching/public?page=2")).isEqualTo(1);

        http.get().uri("/api/stories/caching/public?page=1").exchange().expectStatus().isOk()
                .expectHeader().valueMatches(HttpHeaders.AGE, "[0-5]")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=5")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        assertThat(StubService.timesServed("/api/stories/caching/public?page=1")).isEqualTo(1);
    }

    @Test
    void aKeptAnswerGoesWhenTheServiceSaidItWouldAndTheReaderCannotForceAMiss() throws InterruptedException {
        String path = "/api/stories/caching/one-second";
        read(path, null);
        // a reader's own Cache-Control would let a flood bypass the cache: it is not obeyed
        read(path, "no-cache");
        assertThat(StubService.timesServed(path)).isEqualTo(1);

        Thread.sleep(1300);
        read(path, null);
        assertThat(StubService.timesServed(path)).isEqualTo(2);
    }

    @Test
    void anAuthorsChangeThroughThisGatewayIsSeenByTheNextReaderAtOnceWhileSubmissionsLeaveTheCopies() {
        String path = "/api/stories/caching/public?after=change";
        read(path, null);
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isCreated();
        read(path, null);
        assertThat(StubService.timesServed(path)).as("a submission changes nothing public").isEqualTo(1);

        http.put().uri("/api/stories/manage").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();
        read(path, null);
        assertThat(StubService.timesServed(path)).as("read again after the author's change").isEqualTo(2);
    }

    @Test
    void readersWhoArriveWhileAnAnswerIsFetchedGetThatOneAnswerButAPersonalOneIsNeverShared() {
        String shared = "/api/stories/caching/slow-public";
        List<String> answers = concurrently(shared, 16);
        assertThat(answers).hasSize(16).containsOnly("{\"served\":1}");
        assertThat(StubService.timesServed(shared)).as("asked of the service").isEqualTo(1);

        String personal = "/api/stories/caching/slow-private";
        List<String> own = concurrently(personal, 16);
        assertThat(StubService.timesServed(personal)).as("asked of the service").isEqualTo(16);
        assertThat(own).as("each reader's own answer").doesNotHaveDuplicates();
    }

    /** {@code readers} GETs of {@code path} at once, each on its own thread; their bodies. */
    private List<String> concurrently(String path, int readers) {
        return Flux.range(0, readers)
                .flatMap(i -> Mono.fromCallable(() -> read(path, null)).subscribeOn(Schedulers.boundedElastic()),
                        readers)
                .collectList().block(Duration.ofSeconds(30));
    }

    private String read(String path, String cacheControl) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path);
        if (cacheControl != null) {
            request = request.header(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
