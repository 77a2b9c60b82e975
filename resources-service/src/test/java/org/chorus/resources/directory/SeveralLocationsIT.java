package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.north;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.randomZipArea;
import static org.chorus.resources.directory.DirectoryFixtures.search;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.resources.directory.DirectoryFixtures.ZipArea;
import org.chorus.resources.geo.ZipCentroids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** A service at several places (HSDS service_at_location) is found once, at its nearest place. */
@ResourcesIntegrationTest
class SeveralLocationsIT {

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    double[] spot;
    ZipArea shelterArea;
    String name;
    String hiddenStreet;
    UUID id;

    /**
     * A clinic at the spot and a confidential shelter elsewhere, one service. The shelter is truly 2 km north of its
     * ZIP's centre; the public finds it at the centre.
     */
    @BeforeEach
    void aServiceAtTwoPlaces() {
        spot = randomSpot();
        name = "Two places " + UUID.randomUUID();
        hiddenStreet = "77 Unseen Way " + UUID.randomUUID();
        Map<String, Object> body = service(name, spot[0], spot[1]);
        Map<String, Object> clinic = location(body);
        Map<String, Object> shelter = new HashMap<>(clinic);
        shelter.put("location_type", "confidential");
        shelter.put("address_1", hiddenStreet);
        shelterArea = randomZipArea(zips);
        shelter.put("latitude", north(shelterArea.centre().latitude(), 2));
        shelter.put("longitude", shelterArea.centre().longitude());
        shelter.put("postal_code", shelterArea.zip());
        body.remove("location");
        body.put("locations", List.of(clinic, shelter));
        id = create(http, body);
    }

    @Test
    void searchListsTheServiceOnceAtItsNearestPlace() {
        JsonNode nearClinic = search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 100,
                "size", 100));
        List<JsonNode> mine = mine(nearClinic);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("distance_km").asDouble()).isLessThan(0.1);
        assertThat(mine.get(0).get("service").get("location").get("location_type").asString()).isEqualTo("physical");

        JsonNode nearShelter = search(http, Map.of("latitude", north(shelterArea.centre().latitude(), -1),
                "longitude", shelterArea.centre().longitude(), "radius_km", 100, "size", 100));
        mine = mine(nearShelter);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("distance_km").asDouble()).isBetween(0.9, 1.1);
        JsonNode nearest = mine.get(0).get("service").get("location");
        assertThat(nearest.get("location_type").asString()).isEqualTo("confidential");
        assertThat(nearest.get("call_for_location").asBoolean()).isTrue();
        assertThat(mine.get(0).get("service").get("locations")).hasSize(2);
    }

    @Test
    void onlyTheShelterIsInRangeOfAPlaceNearIt() {
        JsonNode answer = search(http, Map.of("latitude", north(shelterArea.centre().latitude(), -1),
                "longitude", shelterArea.centre().longitude(), "radius_km", 5, "size", 100));
        assertThat(mine(answer)).hasSize(1);
        assertThat(mine(answer).get(0).get("distance_km").asDouble()).isBetween(0.9, 1.1);
    }

    @Test
    void theConfidentialPlaceNeverLeaksOnAnyPublicPath() {
        String shelterLatitude = String.valueOf(north(shelterArea.centre().latitude(), 2));
        List<String> bodies = new ArrayList<>();
        bodies.add(http.get().uri("/api/resources/services/{id}", id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        bodies.add(http.get().uri("/api/resources/services?search={name}", name).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        bodies.add(http.get().uri("/api/resources/export").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        bodies.add(http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("latitude", shelterArea.centre().latitude(), "longitude",
                        shelterArea.centre().longitude(), "radius_km", 5, "size", 100)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        for (String body : bodies) {
            assertThat(body).contains(name).contains("\"call_for_location\":true")
                    .doesNotContain(hiddenStreet).doesNotContain("Unseen Way").doesNotContain(shelterLatitude);
        }
        // the clinic's own address is public
        assertThat(bodies.get(0)).contains("100 Test Street");
    }

    @Test
    void staffSeeEveryPlaceInOrder() {
        staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.locations.length()").isEqualTo(2)
                .jsonPath("$.locations[0].location_type").isEqualTo("physical")
                .jsonPath("$.locations[1].address_1").isEqualTo(hiddenStreet)
                .jsonPath("$.location.location_type").isEqualTo("physical");
    }

    @Test
    void replacingThePlacesAndFiltersIsWhatSearchSeesNext() {
        Map<String, Object> body = service(name, north(spot[0], 60), spot[1]);
        body.put("taxonomy_terms", List.of("legal-advocacy"));
        staff().put().uri("/api/admin/resources/services/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.locations.length()").isEqualTo(1);

        assertThat(mine(search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 40,
                "size", 100)))).isEmpty();
        assertThat(mine(search(http, Map.of("latitude", north(spot[0], 60), "longitude", spot[1], "radius_km", 5,
                "taxonomy_term", "legal-advocacy", "size", 100)))).hasSize(1);
        assertThat(mine(search(http, Map.of("latitude", north(spot[0], 60), "longitude", spot[1], "radius_km", 5,
                "taxonomy_term", "counselling", "size", 100)))).isEmpty();

        staff().post().uri("/api/admin/resources/services/{id}/close", id).exchange().expectStatus().isOk();
        assertThat(mine(search(http, Map.of("latitude", north(spot[0], 60), "longitude", spot[1], "radius_km", 5,
                "size", 100)))).isEmpty();
    }

    @Test
    void badPlacesAreRefusedNamingTheListIndex() {
        Map<String, Object> body = service("Bad places " + UUID.randomUUID(), spot[0], spot[1]);
        Map<String, Object> good = location(body);
        Map<String, Object> bad = new HashMap<>(good);
        bad.put("postal_code", "1234");
        body.remove("location");
        body.put("locations", List.of(good, bad));
        expectInvalid(body, "locations[1].postal_code");

        Map<String, Object> zone = new HashMap<>(good);
        zone.put("time_zone", "Nowhere/Atlantis");
        body.put("locations", List.of(good, zone));
        expectInvalid(body, "locations[1].time_zone");

        UUID same = UUID.randomUUID();
        Map<String, Object> first = new HashMap<>(good);
        first.put("id", same.toString());
        body.put("locations", List.of(first, first));
        expectInvalid(body, "locations[1].id");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(good);
        }
        body.put("locations", many);
        expectInvalid(body, "locations");
    }

    @Test
    void aPlaceOfAnotherServiceCannotBeTaken() {
        String theirs = staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("locations").get(0).get("id").asString();
        String thief = "Thief " + UUID.randomUUID();
        Map<String, Object> body = service(thief, spot[0], spot[1]);
        location(body).put("id", theirs);

        expectInvalid(body, "location.id");

        staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectBody().jsonPath("$.locations[0].id").isEqualTo(theirs)
                .jsonPath("$.locations.length()").isEqualTo(2);
        staff().get().uri("/api/admin/resources/services?search={name}", thief).exchange()
                .expectBody().jsonPath("$.total_items").isEqualTo(0);
    }

    private void expectInvalid(Map<String, Object> body, String field) {
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private List<JsonNode> mine(JsonNode answer) {
        return answer.get("results").valueStream()
                .filter(match -> match.get("service").get("id").asString().equals(id.toString())).toList();
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
