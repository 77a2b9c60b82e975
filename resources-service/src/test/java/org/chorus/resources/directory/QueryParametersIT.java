package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Hostile query parameters on the public list, the staff list and search by GET: each is a 400 problem naming the
 * parameter (constraints on the handlers' parameters, platform/web's InvalidParameters, or the service's own rule
 * where no constraint can say it), never a 5xx, never the value echoed back; an empty parameter is as if absent.
 */
@ResourcesIntegrationTest
class QueryParametersIT {

    @Autowired
    WebTestClient http;

    static Stream<Arguments> badListParameters() {
        return Stream.of(
                Arguments.of("page", "abc"), Arguments.of("page", "0"), Arguments.of("page", "-1"),
                Arguments.of("page", "1.5"), Arguments.of("page", "100001"), Arguments.of("page", "9".repeat(5_000)),
                Arguments.of("page", "\u0661"), Arguments.of("page", "\uff11"), Arguments.of("page", "1' or '1'='1"),
                Arguments.of("per_page", "101"), Arguments.of("per_page", "0"), Arguments.of("per_page", "<script>"),
                Arguments.of("per_page", "true"),
                Arguments.of("modified_after", "yesterday"), Arguments.of("modified_after", "2027-13-45T09:00:00Z"),
                Arguments.of("modified_after", "2027-10-15T09:30"),
                Arguments.of("modified_after", "'; drop table service; --"),
                Arguments.of("search", "x".repeat(201)), Arguments.of("search", "é".repeat(201)),
                Arguments.of("taxonomy_term", "spa"), Arguments.of("taxonomy_term", "<script>alert(1)</script>"),
                Arguments.of("taxonomy_term", "counselling' or 1=1 --"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badListParameters")
    void aBadListParameterIsAProblemNamingIt(String name, String value) {
        expectProblem(http, "/api/resources/services", name, value);
        expectProblem(http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR)), "/api/admin/resources/services", name,
                value);
    }

    static Stream<Arguments> badSearchParameters() {
        return Stream.of(
                Arguments.of("latitude", "north"), Arguments.of("latitude", "NaN"), Arguments.of("latitude", "91"),
                Arguments.of("latitude", "1,5"), Arguments.of("longitude", "Infinity"),
                Arguments.of("longitude", "-180.5"), Arguments.of("longitude", "0x1p3"),
                Arguments.of("radius_km", "far"), Arguments.of("radius_km", "0"), Arguments.of("radius_km", "1e400"),
                Arguments.of("radius_km", "9".repeat(5_000)),
                Arguments.of("open_now", "maybe"), Arguments.of("open_now", "TRUE"), Arguments.of("virtual", "1"),
                Arguments.of("free", "<script>"), Arguments.of("twenty_four_seven", "yes"),
                Arguments.of("size", "0"), Arguments.of("size", "101"), Arguments.of("size", "abc"),
                Arguments.of("size", "99999999999"), Arguments.of("size", "\u0665"),
                Arguments.of("taxonomy_term", "spa"), Arguments.of("language", "en' or 1=1 --"),
                Arguments.of("accessibility", "<script>"), Arguments.of("language", "\u00e9s"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSearchParameters")
    void aBadSearchParameterIsAProblemNamingIt(String name, String value) {
        String uri = UriComponentsBuilder.fromPath("/api/resources/search").queryParam("zip", "10001")
                .queryParam(name, "{value}").encode().buildAndExpand(value).toUriString();
        if (name.equals("latitude") || name.equals("longitude")) {
            uri = UriComponentsBuilder.fromPath("/api/resources/search").queryParam("latitude", "{lat}")
                    .queryParam("longitude", "{lon}").encode()
                    .buildAndExpand(name.equals("latitude") ? value : "40", name.equals("longitude") ? value : "-74")
                    .toUriString();
        }
        expectProblemAt(http, uri, name, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/resources/services?page=&per_page=&search=&taxonomy_term=&modified_after=",
            "/api/resources/services?page=%201%20&per_page=5",
            "/api/resources/services?search=Zo%C3%AB%20%E2%80%94%20ayuda%20en%20espa%C3%B1ol",
            "/api/resources/search?zip=10001&latitude=&longitude=&radius_km=&open_now=&virtual=&free=&size=",
            "/api/resources/search?latitude=40.7&longitude=-74.0&radius_km=1.5e1&open_now=true&size=%205"})
    void emptyOrWellFormedParametersAreAnswered(String uri) {
        http.get().uri(URI.create(uri)).exchange().expectStatus().isOk();
    }

    private static void expectProblem(WebTestClient client, String path, String name, String value) {
        String uri = UriComponentsBuilder.fromPath(path).queryParam(name, "{value}").encode().buildAndExpand(value)
                .toUriString();
        expectProblemAt(client, uri, name, value);
    }

    private static void expectProblemAt(WebTestClient client, String uri, String name, String value) {
        byte[] body = client.get().uri(URI.create(uri)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(name)
                .returnResult().getResponseBodyContent();
        if (value.length() > 3) {
            assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(value);
        }
    }
}
