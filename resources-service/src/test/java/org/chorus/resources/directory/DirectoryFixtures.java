package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chorus.resources.geo.Coordinates;
import org.chorus.resources.geo.ZipCentroids;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Builds directory records for tests. Every IT shares one database, so each test works around its own random spot
 * and never sees another test's services.
 */
public final class DirectoryFixtures {

    public static final SimpleGrantedAuthority RESOURCE_EDITOR = new SimpleGrantedAuthority("ROLE_resource-editor");

    private DirectoryFixtures() {
    }

    /** Somewhere in the lower 48 states, away from every other test's spot. */
    public static double[] randomSpot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new double[] {random.nextDouble(31, 46), random.nextDouble(-118, -78)};
    }

    /**
     * A ZIP code area of the lower 48 at random, with its centre: a confidential place stands at its ZIP's centre for
     * the public, so each test puts its shelters in a ZIP of their own.
     */
    public static ZipArea randomZipArea(ZipCentroids zips) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String zip = String.format("%05d", random.nextInt(1, 100_000));
            Coordinates centre = zips.locate(zip).orElse(null);
            if (centre != null && centre.latitude() > 26 && centre.latitude() < 48 && centre.longitude() > -124
                    && centre.longitude() < -68) {
                return new ZipArea(zip, centre);
            }
        }
    }

    public record ZipArea(String zip, Coordinates centre) {
    }

    /** A physical service at the given point, with a DEMO-style fictional phone number. */
    public static Map<String, Object> service(String name, double latitude, double longitude) {
        Map<String, Object> location = new HashMap<>();
        location.put("location_type", "physical");
        location.put("address_1", "100 Test Street");
        location.put("city", "Testville");
        location.put("state_province", "TX");
        location.put("postal_code", "75001");
        location.put("latitude", latitude);
        location.put("longitude", longitude);
        location.put("time_zone", "America/Chicago");
        location.put("accessibility", List.of());
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "A test service");
        body.put("organization", Map.of("name", "Test organization"));
        body.put("taxonomy_terms", List.of("counselling"));
        body.put("languages", List.of("en"));
        body.put("location", location);
        body.put("phones", List.of(Map.of("number", "555-0100", "type", "voice")));
        body.put("schedules", List.of());
        return body;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> location(Map<String, Object> service) {
        return (Map<String, Object>) service.get("location");
    }

    /** A point about {@code km} kilometres north of the given one. */
    public static double north(double latitude, double km) {
        return latitude + km / 111.195;
    }

    public static UUID create(WebTestClient http, Map<String, Object> service) {
        JsonNode created = http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(service).exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(created).isNotNull();
        return UUID.fromString(created.get("id").asString());
    }

    public static JsonNode search(WebTestClient http, Map<String, Object> query) {
        return http.post().uri("/api/resources/search").contentType(MediaType.APPLICATION_JSON).bodyValue(query)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public static List<String> names(JsonNode answer) {
        return answer.get("results").valueStream().map(match -> match.get("service").get("name").asString()).toList();
    }
}
