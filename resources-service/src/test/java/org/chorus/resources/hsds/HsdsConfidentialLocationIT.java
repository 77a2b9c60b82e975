package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.north;
import static org.chorus.resources.directory.DirectoryFixtures.randomZipArea;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A shelter's street and coordinates appear on no HSDS path, and its true place decides no proximity answer: the
 * proximity search measures its ZIP's centre, so moving it within its ZIP changes no list, order or count, and
 * bisecting the proximity finds only the centre.
 */
@ResourcesIntegrationTest
class HsdsConfidentialLocationIT {

    static final String HSDS = "/api/resources/hsds";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    ZipArea area;
    String street;
    String word;
    Map<String, Object> shelter;
    UUID id;

    @BeforeEach
    void aShelterTrulyTwoKilometresSouthOfItsZipCentre() {
        area = randomZipArea(zips);
        word = "refuge" + UUID.randomUUID().toString().replace("-", "");
        street = "742 Hidden Lane " + UUID.randomUUID();
        shelter = service("DEMO Shelter " + word, north(area.centre().latitude(), -2), area.centre().longitude());
        shelter.put("taxonomy_terms", List.of("shelter"));
        location(shelter).put("location_type", "confidential");
        location(shelter).put("address_1", street);
        location(shelter).put("city", "Springfield");
        location(shelter).put("postal_code", area.zip());
        id = create(http, shelter);
    }

    @Test
    void noHsdsPathShowsTheStreetOrTheCoordinates() {
        String organization = get(HSDS + "/services/" + id).get("organization_id").asString();
        String place = get(HSDS + "/services/" + id).get("service_at_locations").get(0).get("id").asString();
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/services/" + id, "/services?search=" + word, "/services?full=true&search=" + word,
                "/services?format=ndjson&full=true&search=" + word, "/organizations/" + organization,
                "/organizations/" + organization + "?full_service=true",
                "/service_at_locations/" + place, "/service_at_locations?postcode=" + area.zip(),
                "/service_at_locations?postcode=" + area.zip() + "&proximity=50000",
                "/service_at_locations?format=ndjson&postcode=" + area.zip() + "&proximity=50000")) {
            bodies.add(body(HSDS + path));
        }
        double latitude = (double) location(shelter).get("latitude");
        double longitude = (double) location(shelter).get("longitude");
        for (String body : bodies) {
            assertThat(body).contains(id.toString()).doesNotContain(street).doesNotContain("Hidden Lane")
                    .doesNotContain(String.format("%.3f", latitude)).doesNotContain(String.format("%.3f", longitude))
                    .doesNotContain("address_1");
        }
        JsonNode location = get(HSDS + "/service_at_locations/" + place).get("location");
        assertThat(location.has("latitude")).isFalse();
        assertThat(location.has("addresses")).isFalse();
        assertThat(location.get("description").asString()).contains("Springfield").contains(area.zip())
                .contains("call for the address");
        assertThat(HsdsApiIT.attribute(location, "call_for_location")).isEqualTo("true");
    }

    @Test
    void movingItWithinItsZipChangesNoProximityAnswer() {
        List<Integer> proximities = List.of(100, 1_000, 1_999, 2_001, 2_500, 5_000, 20_000);
        List<String> before = proximities.stream().map(this::proximityAnswer).toList();
        location(shelter).put("latitude", north(area.centre().latitude(), 1.5));
        location(shelter).put("longitude", area.centre().longitude() + 0.01);
        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR)).put().uri("/api/admin/resources/services/{id}", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(shelter).exchange()
                .expectStatus().isOk();
        List<String> after = proximities.stream().map(this::proximityAnswer).toList();
        assertThat(after).isEqualTo(before);
        // truly 2 km away, found within 100 m: it stands where its ZIP area's centre is
        assertThat(before.get(0)).contains(id.toString());
    }

    /** Which places in this ZIP a proximity finds, in order, and how many: the shelter's only, never its bytes. */
    private String proximityAnswer(int metres) {
        JsonNode page = get(HSDS + "/service_at_locations?per_page=100&postcode=" + area.zip() + "&proximity="
                + metres + "&search=" + word);
        List<String> ids = page.get("contents").valueStream().map(p -> p.get("service_id").asString()).toList();
        return page.get("total_items").asLong() + " " + ids;
    }

    private JsonNode get(String uri) {
        return JSON.readTree(body(uri));
    }

    private String body(String uri) {
        byte[] body = http.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBodyContent();
        return new String(body, StandardCharsets.UTF_8);
    }
}
