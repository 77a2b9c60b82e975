package org.chorus.resources.interchange;

import org.chorus.resources.directory.DirectoryFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@ResourcesIntegrationTest
class ImportExportIT {

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    UUID shelter;
    UUID clinic;
    String street;

    @BeforeEach
    void twoServices() {
        double[] spot = randomSpot();
        street = "9 Secret Row " + UUID.randomUUID();
        Map<String, Object> hidden = service("Export shelter", spot[0], spot[1]);
        hidden.put("taxonomy_terms", List.of("shelter"));
        location(hidden).put("location_type", "confidential");
        location(hidden).put("address_1", street);
        shelter = create(http, hidden);
        Map<String, Object> open = service("Export clinic", spot[0], spot[1]);
        open.put("phones", List.of(Map.of("number", "555-0142", "type", "tty", "languages", List.of("en", "es"))));
        open.put("schedules", List.of(Map.of("weekday", "FR", "opens_at", "22:00", "closes_at", "02:00")));
        open.put("twenty_four_seven", false);
        open.put("free_of_charge", true);
        clinic = create(http, open);
    }

    @Test
    void staffExportImportsBackUnchanged() {
        ArrayNode mine = exported(Set.of(shelter, clinic));

        JsonNode report = importFile(mine).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(report.get("updated").asInt()).isEqualTo(2);
        assertThat(report.get("created").asInt()).isZero();
        assertThat(withoutModifiedAt(exported(Set.of(shelter, clinic)))).isEqualTo(withoutModifiedAt(mine));
    }

    @Test
    void exportWithNewIdsCreatesCopies() {
        ArrayNode copies = exported(Set.of(clinic));
        UUID copy = UUID.randomUUID();
        ObjectNode copied = (ObjectNode) copies.get(0);
        copied.put("id", copy.toString());
        // a location belongs to one service: the copy's places get ids of their own
        copied.remove("location");
        copied.get("locations").valueStream().forEach(place -> ((ObjectNode) place).remove("id"));

        importFile(copies).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(1).jsonPath("$.rows[0].outcome").isEqualTo("created");

        ObjectNode original = (ObjectNode) exported(Set.of(clinic)).get(0);
        ObjectNode imported = (ObjectNode) exported(Set.of(copy)).get(0);
        for (ObjectNode node : List.of(original, imported)) {
            node.remove(List.of("id", "modified_at"));
            ((ObjectNode) node.get("location")).remove("id");
            node.get("locations").valueStream().forEach(place -> ((ObjectNode) place).remove("id"));
        }
        assertThat(imported).isEqualTo(original);
    }

    @Test
    void aLocationIdOfAnotherServiceIsRefusedAndNothingIsImported() {
        ArrayNode copies = exported(Set.of(clinic));
        UUID copy = UUID.randomUUID();
        ((ObjectNode) copies.get(0)).put("id", copy.toString());

        importFile(copies).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("locations[0].id");

        staff().get().uri("/api/admin/resources/services/{id}", copy).exchange().expectStatus().isNotFound();
    }

    @Test
    void oneBadRowRejectsTheWholeFileWithAReportPerRow() {
        ArrayNode file = json.createArrayNode();
        UUID fresh = UUID.randomUUID();
        file.add(json.valueToTree(withId(service("Good row", 40, -100), fresh)));
        Map<String, Object> bad = withId(service("Bad row", 40, -100), UUID.randomUUID());
        bad.put("taxonomy_terms", List.of("spa"));
        file.add(json.valueToTree(bad));
        file.add(json.valueToTree(withId(service("Duplicate row", 40, -100), fresh)));

        importFile(file).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.rows[0].outcome").isEqualTo("not imported")
                .jsonPath("$.rows[1].outcome").isEqualTo("rejected")
                .jsonPath("$.rows[1].errors[0].field").isEqualTo("taxonomy_terms[0]")
                .jsonPath("$.rows[2].errors[0].field").isEqualTo("id")
                .jsonPath("$.rows[2].errors[0].message").isEqualTo("is also the id of row 1")
                .jsonPath("$.errors[0].field").isEqualTo("[1].taxonomy_terms[0]");

        staff().get().uri("/api/admin/resources/services/{id}", fresh).exchange().expectStatus().isNotFound();
    }

    @Test
    void malformedFileIsAProblemNamingTheRow() {
        String file = "[{\"name\": \"ok\"}, {\"name\": \"bad\", \"free_of_charge\": {\"yes\": 1}}]";

        staff().post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON).bodyValue(file)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("[1].free_of_charge");
        staff().post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON).bodyValue("[]")
                .exchange()
                .expectStatus().isBadRequest();
        staff().post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"not\": \"a list\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void publicExportNeverShowsAConfidentialAddress() {
        String body = http.get().uri("/api/resources/export").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains(shelter.toString()).contains("Export clinic").doesNotContain(street);
        JsonNode exported = json.readTree(body);
        JsonNode hidden = exported.valueStream().filter(s -> s.get("id").asString().equals(shelter.toString()))
                .findFirst().orElseThrow();
        assertThat(hidden.get("location").has("address_1")).isFalse();
        assertThat(hidden.get("location").has("latitude")).isFalse();
        assertThat(hidden.get("location").get("call_for_location").asBoolean()).isTrue();
    }

    @Test
    void importAndStaffExportNeedTheResourceEditorRole() {
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri("/api/admin/resources/export").exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON).bodyValue("[]")
                .exchange()
                .expectStatus().isUnauthorized();
    }

    private ArrayNode exported(Set<UUID> ids) {
        JsonNode all = staff().get().uri("/api/admin/resources/export").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        ArrayNode mine = json.createArrayNode();
        all.valueStream().filter(s -> ids.contains(UUID.fromString(s.get("id").asString()))).forEach(mine::add);
        assertThat(mine).hasSize(ids.size());
        return mine;
    }

    private static ArrayNode withoutModifiedAt(ArrayNode services) {
        ArrayNode copy = services.deepCopy();
        copy.valueStream().forEach(s -> ((ObjectNode) s).remove("modified_at"));
        return copy;
    }

    private static Map<String, Object> withId(Map<String, Object> service, UUID id) {
        service.put("id", id.toString());
        return service;
    }

    private WebTestClient.ResponseSpec importFile(JsonNode file) {
        return staff().post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(file.toString()).exchange();
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
