package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.north;
import static org.chorus.resources.directory.DirectoryFixtures.randomZipArea;
import static org.chorus.resources.directory.DirectoryFixtures.search;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

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

/**
 * A shelter's address and coordinates never leave the service for the public, yet the shelter is found by distance:
 * from the centre of its ZIP area, where the public believes it is (ConfidentialLocationCannotBeLocatedIT attacks it).
 */
@ResourcesIntegrationTest
class ConfidentialLocationIT {

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    ZipArea area;
    String name;
    String street;
    double latitude;
    double longitude;
    UUID id;

    @BeforeEach
    void aConfidentialShelter() {
        area = randomZipArea(zips);
        name = "Shelter " + UUID.randomUUID();
        street = "742 Hidden Lane " + UUID.randomUUID();
        // truly 2 km south of its ZIP's centre
        latitude = north(area.centre().latitude(), -2);
        longitude = area.centre().longitude();
        Map<String, Object> shelter = service(name, latitude, longitude);
        shelter.put("taxonomy_terms", List.of("shelter"));
        location(shelter).put("location_type", "confidential");
        location(shelter).put("address_1", street);
        location(shelter).put("city", "Springfield");
        location(shelter).put("postal_code", area.zip());
        id = create(http, shelter);
    }

    @Test
    void searchFindsItByDistanceFromItsZipCentreButShowsOnlyTheAreaAndCallForLocation() {
        JsonNode answer = search(http, Map.of("latitude", north(area.centre().latitude(), 1.1),
                "longitude", area.centre().longitude(), "radius_km", 5, "size", 100));
        JsonNode mine = answer.get("results").valueStream()
                .filter(match -> match.get("service").get("id").asString().equals(id.toString()))
                .findFirst().orElseThrow();
        // 1.1 km from the centre; the true place is 3.1 km away
        assertThat(mine.get("distance_km").asDouble()).isEqualTo(1.1);
        JsonNode place = mine.get("service").get("location");
        assertThat(place.get("call_for_location").asBoolean()).isTrue();
        assertThat(place.get("city").asString()).isEqualTo("Springfield");
        assertThat(place.get("postal_code").asString()).isEqualTo(area.zip());
        assertNoLeak(searchBody());
    }

    @Test
    void detailAndListHideTheAddressAndCoordinates() {
        assertNoLeak(http.get().uri("/api/resources/services/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertNoLeak(http.get().uri("/api/resources/services?search={name}&per_page=100", name).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertNoLeak(http.get().uri("/api/resources/search?latitude={lat}&longitude={lon}&radius_km=5&size=100",
                        area.centre().latitude(), area.centre().longitude()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void staffSeeTheAddressToKeepItTrue() {
        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.location.address_1").isEqualTo(street)
                .jsonPath("$.location.latitude").isEqualTo(latitude);
    }

    private String searchBody() {
        return http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("latitude", area.centre().latitude(), "longitude", area.centre().longitude(),
                        "radius_km", 5, "size", 100)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private void assertNoLeak(String body) {
        assertThat(body).contains(name).contains("\"call_for_location\":true")
                .doesNotContain(street).doesNotContain("Hidden Lane")
                .doesNotContain("address_1").doesNotContain("\"latitude\"").doesNotContain("\"longitude\"")
                .doesNotContain(String.valueOf(latitude)).doesNotContain(String.valueOf(longitude));
    }
}
