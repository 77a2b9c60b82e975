package org.chorus.resources.search;

import org.chorus.resources.directory.DirectoryFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.names;
import static org.chorus.resources.directory.DirectoryFixtures.north;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.search;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.resources.geo.Coordinates;
import org.chorus.resources.geo.ZipCentroids;
import org.chorus.resources.hotline.NationalHotlines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

@ResourcesIntegrationTest
class PlaceSearchIT {

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    @Test
    void searchByCoordinatesListsNearestFirstWithDistanceAndHotlinesOnTop() {
        double[] spot = randomSpot();
        // another test's random spot may fall within 40 km: look only at this test's services
        String tag = UUID.randomUUID().toString();
        create(http, service(tag + " Far", north(spot[0], 20), spot[1]));
        create(http, service(tag + " Near", north(spot[0], 2), spot[1]));
        create(http, service(tag + " Outside", north(spot[0], 60), spot[1]));

        JsonNode answer = search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 40,
                "size", 100));

        List<JsonNode> mine = answer.get("results").valueStream()
                .filter(match -> match.get("service").get("name").asString().startsWith(tag)).toList();
        assertThat(mine).extracting(match -> match.get("service").get("name").asString())
                .containsExactly(tag + " Near", tag + " Far");
        assertThat(mine.get(0).get("distance_km").asDouble()).isBetween(1.9, 2.1);
        assertThat(mine.get(1).get("distance_km").asDouble()).isBetween(19.9, 20.1);
        assertThat(answer.get("results").valueStream().map(match -> match.get("distance_km").asDouble()).toList())
                .isSorted();
        assertThat(answer.get("nothing_near").asBoolean()).isFalse();
        assertThat(answer.get("national_hotlines")).hasSize(NationalHotlines.ALL.size());
        assertThat(answer.propertyNames().iterator().next()).isEqualTo("national_hotlines");
    }

    @Test
    void searchByZipStartsFromTheZipCentre() {
        String zip = "59801"; // Missoula, MT
        Coordinates centre = zips.locate(zip).orElseThrow();
        String name = "Missoula " + System.nanoTime();
        create(http, service(name, north(centre.latitude(), 5), centre.longitude()));

        JsonNode answer = search(http, Map.of("zip", zip, "radius_km", 10));

        assertThat(names(answer)).contains(name);
        http.get().uri("/api/resources/search?zip={zip}&radius_km=10", zip).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.results[?(@.service.name == '%s')].distance_km".formatted(name)).isEqualTo(5.0);
    }

    @Test
    void nothingNearAnswersWithTheNationalHotlinesAlone() {
        // the middle of the Pacific: no test puts a service there
        JsonNode answer = search(http, Map.of("latitude", 0.5, "longitude", -140.0, "radius_km", 500));

        assertThat(answer.get("results")).isEmpty();
        assertThat(answer.get("nothing_near").asBoolean()).isTrue();
        assertThat(answer.get("national_hotlines").toString())
                .contains("1-800-656-4673", "https://hotline.rainn.org/online", "988", "1-800-799-7233",
                        "Text START to 88788", "Text HOME to 741741");
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                filter("taxonomy_term", "shelter", s -> s.put("taxonomy_terms", List.of("shelter", "counselling"))),
                filter("language", "es", s -> s.put("languages", List.of("en", "es"))),
                filter("twenty_four_seven", true, s -> s.put("twenty_four_seven", true)),
                filter("free", true, s -> s.put("free_of_charge", true)),
                filter("accessibility", "wheelchair-accessible",
                        s -> location(s).put("accessibility", List.of("wheelchair-accessible"))),
                filter("open_now", true, s -> s.put("twenty_four_seven", true)));
    }

    private static Arguments filter(String name, Object value, Consumer<Map<String, Object>> matching) {
        return Arguments.of(name, value, matching);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void eachFilterKeepsOnlyMatchingServicesByCoordinatesAndByZip(String filter, Object value,
                                                                   Consumer<Map<String, Object>> matching) {
        String zip = randomZip();
        Coordinates centre = zips.locate(zip).orElseThrow();
        String tag = UUID.randomUUID().toString();
        Map<String, Object> matches = service(tag + " matches", north(centre.latitude(), 1), centre.longitude());
        matching.accept(matches);
        create(http, matches);
        create(http, service(tag + " does not match", north(centre.latitude(), 1.5), centre.longitude()));

        Map<String, Object> byCoordinates = new HashMap<>(Map.of("latitude", centre.latitude(),
                "longitude", centre.longitude(), "radius_km", 3, filter, value));
        Map<String, Object> byZip = new HashMap<>(Map.of("zip", zip, "radius_km", 3, filter, value));

        assertThat(tagged(search(http, byCoordinates), tag)).containsExactly(tag + " matches");
        assertThat(tagged(search(http, byZip), tag)).containsExactly(tag + " matches");
        byZip.remove(filter);
        assertThat(tagged(search(http, byZip), tag))
                .containsExactlyInAnyOrder(tag + " matches", tag + " does not match");
    }

    /** Another test's services may sit in the same ZIP area: only this test's count. */
    private static List<String> tagged(JsonNode answer, String tag) {
        return names(answer).stream().filter(name -> name.startsWith(tag)).toList();
    }

    @Test
    void virtualFilterListsServicesWithoutAPlaceAndNoDistance() {
        double[] spot = randomSpot();
        String name = "Online chat " + System.nanoTime();
        Map<String, Object> online = service(name, 0, 0);
        location(online).clear();
        location(online).putAll(Map.of("location_type", "virtual", "time_zone", "America/New_York"));
        create(http, online);

        JsonNode answer = search(http, Map.of("latitude", spot[0], "longitude", spot[1], "virtual", true,
                "size", 100));

        JsonNode match = answer.get("results").valueStream()
                .filter(m -> m.get("service").get("name").asString().equals(name)).findFirst().orElseThrow();
        assertThat(match.has("distance_km") && !match.get("distance_km").isNull()).isFalse();
        assertThat(names(search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 500))))
                .doesNotContain(name);
    }

    @Test
    void closedServicesAreNotFound() {
        double[] spot = randomSpot();
        UUID id = create(http, service("Closing", spot[0], spot[1]));
        http.mutateWith(mockJwt().authorities(DirectoryFixtures.RESOURCE_EDITOR))
                .post().uri("/api/admin/resources/services/{id}/close", id).exchange().expectStatus().isOk();

        assertThat(names(search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 1)))).isEmpty();
        http.get().uri("/api/resources/services/{id}", id).exchange().expectStatus().isNotFound();
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("unknown zip", "{\"zip\": \"00000\"}", "zip"),
                Arguments.of("malformed zip", "{\"zip\": \"1234a\"}", "zip"),
                Arguments.of("zip and coordinates", "{\"zip\": \"10001\", \"latitude\": 1, \"longitude\": 1}", "zip"),
                Arguments.of("no place", "{}", "latitude"),
                Arguments.of("latitude out of range", "{\"latitude\": 91, \"longitude\": 0}", "latitude"),
                Arguments.of("longitude out of range", "{\"latitude\": 0, \"longitude\": -180.5}", "longitude"),
                Arguments.of("zero radius", "{\"zip\": \"10001\", \"radius_km\": 0}", "radius_km"),
                Arguments.of("huge radius", "{\"zip\": \"10001\", \"radius_km\": 100000}", "radius_km"),
                Arguments.of("unknown taxonomy term", "{\"zip\": \"10001\", \"taxonomy_term\": \"spa\"}", "taxonomy_term"),
                Arguments.of("sql in a filter", "{\"zip\": \"10001\", \"language\": \"en' or 1=1 --\"}", "language"),
                Arguments.of("script in a filter", "{\"zip\": \"10001\", \"accessibility\": \"<script>\"}", "accessibility"),
                Arguments.of("wrong type", "{\"zip\": \"10001\", \"radius_km\": \"far\"}", "radius_km"),
                Arguments.of("size too large", "{\"zip\": \"10001\", \"size\": 1000}", "size"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void badSearchIsAProblemNamingTheField(String why, String body, String field) {
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void badQueryParametersAreProblemsToo() {
        http.get().uri("/api/resources/search?latitude=north&longitude=1").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("latitude");
        http.get().uri("/api/resources/search?zip=10001&open_now=maybe").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("open_now");
    }

    @Test
    void malformedOrEmptySearchBodyIsAProblem() {
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"zip\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"zip\": \"" + "9".repeat(1_000_000) + "\"}").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** A real ZIP picked at random, so tests rarely share a ZIP area. */
    private String randomZip() {
        while (true) {
            String zip = "%05d".formatted(ThreadLocalRandom.current().nextInt(1000, 99_999));
            if (zips.locate(zip).isPresent()) {
                return zip;
            }
        }
    }
}
