package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * Hostile query parameters and ids on every HSDS path: a 400 problem naming the parameter, never a 5xx, never the
 * value echoed back; text a search may hold (markup, SQL, any script) is searched for, not refused.
 */
@ResourcesIntegrationTest
class HsdsQueryParametersIT {

    static final String HSDS = "/api/resources/hsds";
    static final List<String> LISTS = List.of("/services", "/organizations", "/service_at_locations", "/taxonomies",
            "/taxonomy_terms");

    @Autowired
    WebTestClient http;

    static Stream<Arguments> badParameters() {
        Stream<Arguments> everyList = LISTS.stream().flatMap(list -> Stream.of(
                Arguments.of(list, "page", "0"), Arguments.of(list, "page", "abc"),
                Arguments.of(list, "page", "9".repeat(5_000)), Arguments.of(list, "page", "\u0661"),
                Arguments.of(list, "page", "1' or '1'='1"), Arguments.of(list, "per_page", "101"),
                Arguments.of(list, "per_page", "<script>alert(1)</script>"), Arguments.of(list, "format", "xml"),
                Arguments.of(list, "format", "NDJSON"), Arguments.of(list, "search", "x".repeat(201)),
                Arguments.of(list, "search", "shelter\u0000"), Arguments.of(list, "search", "é".repeat(5_000))));
        Stream<Arguments> filtered = Stream.of("/services", "/service_at_locations").flatMap(list -> Stream.of(
                Arguments.of(list, "modified_after", "yesterday"),
                Arguments.of(list, "modified_after", "2027-13-45T09:00:00Z"),
                Arguments.of(list, "modified_after", "'; drop table service; --"),
                Arguments.of(list, "taxonomy_term_id", "shelter"),
                Arguments.of(list, "taxonomy_term_id", "00000000-0000-0000-0000-000000000000"),
                Arguments.of(list, "taxonomy_id", "service-types"),
                Arguments.of(list, "taxonomy_id", "00000000-0000-0000-0000-000000000000"),
                Arguments.of(list, "organization_id", "1 or 1=1"),
                Arguments.of(list, "organization_id", "\uff10".repeat(36))));
        Stream<Arguments> places = Stream.of(
                Arguments.of("/service_at_locations", "postcode", "1000"),
                Arguments.of("/service_at_locations", "postcode", "<b>10001</b>"),
                Arguments.of("/service_at_locations", "postcode", "\u0661\u0660\u0660\u0660\u0661"),
                Arguments.of("/service_at_locations?postcode=10001", "proximity", "-5"),
                Arguments.of("/service_at_locations?postcode=10001", "proximity", "0"),
                Arguments.of("/service_at_locations?postcode=10001", "proximity", "500001"),
                Arguments.of("/service_at_locations?postcode=10001", "proximity", "1e3"),
                Arguments.of("/service_at_locations?postcode=10001", "proximity", "9".repeat(400)),
                Arguments.of("/service_at_locations", "proximity", "1000"),
                Arguments.of("/service_at_locations?proximity=1000", "postcode", "00000"),
                Arguments.of("/services", "full", "yes"),
                Arguments.of("/services", "minimal", "1"),
                Arguments.of("/taxonomy_terms", "taxonomy_id", "services"));
        return Stream.of(everyList, filtered, places).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("badParameters")
    void aBadParameterIsAProblemNamingIt(String path, String name, String value) {
        String uri = UriComponentsBuilder.fromUriString(HSDS + path).queryParam(name, "{value}").encode()
                .buildAndExpand(value).toUriString();
        byte[] body = http.get().uri(URI.create(uri)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(name)
                .returnResult().getResponseBodyContent();
        if (value.length() > 3) {
            assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1%27%20or%201=1", "%3Cscript%3E", "%F0%9F%98%80",
            "00000000-0000-0000-0000-00000000000000000"})
    void aBadIdIsAProblemNeverAFailure(String id) {
        for (String path : List.of("/services/", "/organizations/", "/service_at_locations/", "/taxonomies/",
                "/taxonomy_terms/")) {
            http.get().uri(URI.create(HSDS + path + id)).exchange()
                    .expectStatus().value(status -> assertThat(status).isIn(400, 404))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/services?page=&per_page=&search=&format=&modified_after=&taxonomy_term_id=&full=&minimal=&taxonomy_id=",
            "/services?search=%27%3B%20drop%20table%20service%3B%20--", "/services?search=%3Cscript%3Ealert(1)%3C/script%3E",
            "/services?search=Zo%C3%AB%20%E2%80%94%20%D9%85%D8%B3%D8%A7%D8%B9%D8%AF%D8%A9%20%F0%9F%98%80",
            "/services?page=%2099%20&per_page=%20100%20&format=%20json%20",
            "/service_at_locations?postcode=%2010001%20&proximity=%20500000%20",
            "/organizations?search=%25%25%25_", "/taxonomy_terms?search=Refugio&format=ndjson"})
    void emptyOddOrHostileButWellFormedParametersAreAnswered(String uri) {
        http.get().uri(URI.create(HSDS + uri)).exchange().expectStatus().isOk();
    }
}
