package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A shelter's address and coordinates never leave the service for the public, yet the shelter is found by distance. */
@ResourcesIntegrationTest
class ConfidentialLocationIT {

    @Autowired
    WebTestClient http;

    String name;
    String street;
    double latitude;
    double longitude;
    UUID id;

    @BeforeEach
    void aConfidentialShelter() {
        double[] spot = randomSpot();
        name = "Shelter " + UUID.randomUUID();
        street = "742 Hidden Lane " + UUID.randomUUID();
        latitude = spot[0];
        longitude = spot[1];
        Map<String, Object> shelter = service(name, latitude, longitude);
        shelter.put("taxonomy_terms", List.of("shelter"));
        location(shelter).put("location_type", "confidential");
        location(shelter).put("address_1", street);
        location(shelter).put("city", "Springfield");
        id = create(http, shelter);
    }

    @Test
    void searchFindsItByDistanceButShowsOnlyTheAreaAndCallForLocation() {
        http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("latitude", latitude + 0.01, "longitude", longitude, "radius_km", 5)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.results[0].service.name").isEqualTo(name)
                .jsonPath("$.results[0].distance_km").isEqualTo(1.1)
                .jsonPath("$.results[0].service.location.call_for_location").isEqualTo(true)
                .jsonPath("$.results[0].service.location.city").isEqualTo("Springfield")
                .jsonPath("$.results[0].service.location.postal_code").isEqualTo("75001");
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
        assertNoLeak(http.get().uri("/api/resources/search?latitude={lat}&longitude={lon}&radius_km=5", latitude,
                        longitude).exchange()
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
                .bodyValue(Map.of("latitude", latitude, "longitude", longitude, "radius_km", 5)).exchange()
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
