package org.chorus.resources.search;

import org.chorus.resources.directory.DirectoryFixtures;
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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A search result is the service's ready public JSON (search_document, rendered by the database when the service
 * changes). It must say exactly what the public detail says, with the nearest place as {@code location}, after
 * every kind of change, including one no Java code made.
 */
@ResourcesIntegrationTest
class SearchDocumentsIT {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ZipCentroids zips;

    double[] spot;
    ZipArea shelterArea;
    Map<String, Object> body;
    UUID id;

    /**
     * Everything a record can carry: an organization with description and website, a clinic with accessibility, a
     * confidential shelter in a ZIP area of its own (found at the area's centre), a phone with languages and one without a description, hours past midnight,
     * non-ASCII and markup in the text.
     */
    @BeforeEach
    void aFullRecord() {
        spot = randomSpot();
        body = service("Zoë's \"safe\" place <script>alert(1)</script> " + UUID.randomUUID(), spot[0], spot[1]);
        body.put("description", "Línea de ayuda 24/7 — ayuda en español; 'quotes' & \\ backslash");
        body.put("organization", Map.of("name", "Ça va org", "description", "Survivor-led",
                "website", "https://example.org/help"));
        body.put("languages", List.of("en", "es"));
        body.put("free_of_charge", true);
        Map<String, Object> clinic = location(body);
        clinic.put("accessibility", List.of("wheelchair", "asl"));
        Map<String, Object> shelter = new HashMap<>(clinic);
        shelter.put("location_type", "confidential");
        shelter.put("address_1", "9 Hidden Lane");
        shelterArea = randomZipArea(zips);
        shelter.put("postal_code", shelterArea.zip());
        shelter.put("latitude", north(shelterArea.centre().latitude(), 2));
        shelter.put("longitude", shelterArea.centre().longitude());
        shelter.put("accessibility", List.of());
        body.remove("location");
        body.put("locations", List.of(clinic, shelter));
        body.put("phones", List.of(
                Map.of("number", "555-0100", "type", "voice", "description", "DEMO: fictional",
                        "languages", List.of("en", "es")),
                Map.of("number", "555-0101", "type", "text")));
        body.put("schedules", List.of(
                Map.of("weekday", "MO", "opens_at", "09:00", "closes_at", "17:00"),
                Map.of("weekday", "FR", "opens_at", "22:00", "closes_at", "02:00")));
        id = create(http, body);
    }

    @Test
    void aResultSaysWhatThePublicDetailSaysWithTheNearestPlace() {
        assertSearchMatchesDetail(spot[0], spot[1], "physical");
        assertSearchMatchesDetail(shelterArea.centre().latitude(), shelterArea.centre().longitude(), "confidential");
    }

    @Test
    void theResultFollowsEveryStaffChange() {
        body.put("organization", Map.of("name", "Renamed org", "website", "https://example.org/new"));
        body.put("phones", List.of(Map.of("number", "555-0199", "type", "tty")));
        body.put("schedules", List.of(Map.of("weekday", "SU", "opens_at", "00:00", "closes_at", "00:00")));
        body.put("description", null);
        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .put().uri("/api/admin/resources/services/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk();
        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .post().uri("/api/admin/resources/services/{id}/verified", id).exchange().expectStatus().isOk();

        JsonNode result = assertSearchMatchesDetail(spot[0], spot[1], "physical");
        assertThat(result.get("organization").get("name").asString()).isEqualTo("Renamed org");
        assertThat(result.get("phones")).hasSize(1);
        assertThat(result.get("last_verified").isNull()).isFalse();
        assertThat(result.get("description").isNull()).isTrue();
    }

    @Test
    void aTemporarilyClosedServiceLeavesSearchAndComesBackWhenReopened() {
        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .post().uri("/api/admin/resources/services/{id}/temporarily-closed", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Moving"))
                .exchange().expectStatus().isOk();
        assertThat(mine(search(http, near(spot[0], spot[1])))).isEmpty();
        assertThat(documents()).isZero();

        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .post().uri("/api/admin/resources/services/{id}/reopen", id).exchange().expectStatus().isOk();
        JsonNode result = assertSearchMatchesDetail(spot[0], spot[1], "physical");
        assertThat(result.has("closure_reason")).isFalse();
    }

    @Test
    void aChangeMadeStraightInTheDatabaseReachesTheResultToo() {
        db.sql("update phone set number = '555-0142' where service_id = :id and position = 0").bind("id", id)
                .then().block();
        db.sql("delete from location where service_id = :id and location_type = 'confidential'").bind("id", id)
                .then().block();
        // several rows of one service in one statement
        db.sql("""
                        insert into phone (id, service_id, position, number, type)
                        select gen_random_uuid(), :id, 10 + n, '555-015' || n, 'voice' from generate_series(1, 2) n""")
                .bind("id", id).then().block();

        JsonNode result = assertSearchMatchesDetail(spot[0], spot[1], "physical");
        assertThat(result.get("phones").get(0).get("number").asString()).isEqualTo("555-0142");
        assertThat(result.get("phones")).hasSize(4);
        assertThat(result.get("locations")).hasSize(1);
        assertThat(documents()).isOne();
    }

    @Test
    void aServiceClosedForGoodHasNoReadyAnswerLeft() {
        http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .post().uri("/api/admin/resources/services/{id}/close", id).exchange().expectStatus().isOk();
        assertThat(documents()).isZero();
        assertThat(mine(search(http, near(spot[0], spot[1])))).isEmpty();
    }

    /** Searches from a point, and compares the one result of this test's service with the public detail. */
    private JsonNode assertSearchMatchesDetail(double latitude, double longitude, String nearestType) {
        List<JsonNode> mine = mine(search(http, near(latitude, longitude)));
        assertThat(mine).hasSize(1);
        JsonNode result = mine.get(0).get("service");
        ObjectNode detail = (ObjectNode) http.get().uri("/api/resources/services/{id}", id).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(detail).isNotNull();
        JsonNode nearest = detail.get("locations").valueStream()
                .filter(place -> place.get("location_type").asString().equals(nearestType)).findFirst().orElseThrow();
        detail.set("location", nearest);
        assertThat(result).isEqualTo(detail);
        assertThat(result.toString()).doesNotContain("9 Hidden Lane");
        return result;
    }

    private Map<String, Object> near(double latitude, double longitude) {
        return Map.of("latitude", latitude, "longitude", longitude, "radius_km", 10, "size", 100);
    }

    private List<JsonNode> mine(JsonNode answer) {
        return answer.get("results").valueStream()
                .filter(match -> match.get("service").get("id").asString().equals(id.toString())).toList();
    }

    private long documents() {
        return db.sql("select count(*) as n from search_document where service_id = :id").bind("id", id)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
