package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-input corpus of the public writes sent to every staff write: a NUL (which PostgreSQL refuses, so it was
 * a 500), unpaired surrogates, nulls inside lists, over-long values, and the harmless markup and SQL that must be kept
 * as text. Each answer is a 400 problem naming the field by its JSON path, and nothing of it is stored.
 */
@ResourcesIntegrationTest
class StaffWriteHostileInputIT {

    /** Raw JSON string contents: the escapes travel as written, so a lone surrogate reaches the server as such. */
    private static final List<String> UNSTORABLE = List.of("a\\u0000b", "\\u0000", "a\\ud800b", "\\udc00", "x\\ud83d");

    /** Every text field of a service, as errors name it. */
    private static final List<String> TEXT_FIELDS = List.of("name", "description", "organization.name",
            "organization.description", "location.address_1", "location.city", "location.state_province",
            "location.time_zone", "phones[0].description");

    private static final String MARK = "@@hostile@@";

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    UUID existing;
    String existingName;

    @BeforeEach
    void aService() {
        double[] spot = randomSpot();
        existingName = "Steady " + UUID.randomUUID();
        existing = create(http, service(existingName, spot[0], spot[1]));
    }

    @Test
    void unstorableTextInAnyFieldOfCreateOrReplaceIsA400NamingIt() {
        for (String field : TEXT_FIELDS) {
            for (String value : UNSTORABLE) {
                String name = "Hostile " + UUID.randomUUID();
                String body = withRaw(service(name, 40, -100), field, value);
                staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body).exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
                assertNothingNamed(name);

                staff().put().uri("/api/admin/resources/services/{id}", existing)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                        .expectStatus().isBadRequest()
                        .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
                assertExistingUnchanged();
            }
        }
    }

    @Test
    void aListOfSeveralLocationsIsNamedByIndex() {
        Map<String, Object> body = service("Hostile " + UUID.randomUUID(), 40, -100);
        Map<String, Object> first = new HashMap<>(DirectoryFixtures.location(body));
        Map<String, Object> second = new HashMap<>(first);
        second.put("address_1", MARK);
        body.remove("location");
        body.put("locations", List.of(first, second));
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(body).replace(MARK, "12 Main\\u0000 St")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("locations[1].address_1");
        assertNothingNamed((String) body.get("name"));
    }

    @Test
    void nullsInsideListsAndObjectsAreNamed() {
        Map<String, String> cases = Map.of(
                "taxonomy_terms", "taxonomy_terms[0]",
                "languages", "languages[0]",
                "phones", "phones[0]",
                "schedules", "schedules[0]",
                "locations", "locations[0]");
        cases.forEach((list, field) -> {
            Map<String, Object> body = service("Hostile " + UUID.randomUUID(), 40, -100);
            List<Object> withNull = new ArrayList<>();
            withNull.add(null);
            body.put(list, withNull);
            staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json.writeValueAsString(body)).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
            assertNothingNamed((String) body.get("name"));
        });
    }

    @Test
    void wrongJsonTypesAreNamed() {
        List<Map.Entry<String, Object>> cases = List.of(
                Map.entry("name", Map.of("a", 1)),
                Map.entry("name", List.of("a")),
                Map.entry("name", 42),
                Map.entry("taxonomy_terms", "counselling"),
                Map.entry("free_of_charge", "yes"),
                Map.entry("organization", "Test organization"),
                Map.entry("phones", Map.of("number", "555-0100")));
        cases.forEach(entry -> {
            String field = entry.getKey();
            Object value = entry.getValue();
            Map<String, Object> body = service("Hostile " + UUID.randomUUID(), 40, -100);
            body.put(field, value);
            staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json.writeValueAsString(body)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        });
        Map<String, Object> body = service("Hostile " + UUID.randomUUID(), 40, -100);
        DirectoryFixtures.location(body).put("latitude", "north");
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(body)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("location.latitude");
        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", existing)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": [\"x\"], \"until\": 5}").exchange()
                .expectStatus().isBadRequest();
        staff().post().uri("/api/admin/resources/services/{id}/close", "not-a-uuid").exchange()
                .expectStatus().isBadRequest();
        assertExistingUnchanged();
    }

    @Test
    void tooLongAndEmptyValuesAreNamed() {
        Map<String, Object> longName = service("x".repeat(20_000), 40, -100);
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(longName).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        Map<String, Object> empty = service("", 40, -100);
        staff().put().uri("/api/admin/resources/services/{id}", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(empty).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        assertExistingUnchanged();
    }

    @Test
    void markupAndSqlAreKeptAsText() {
        String name = "<script>alert(1)</script>'; DROP TABLE service; -- " + UUID.randomUUID();
        UUID id = create(http, service(name, 40, -100));
        staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo(name);
    }

    @Test
    void unstorableOrOverlongClosureReasonsAreNamedAndTheServiceStaysOpen() {
        List<String> reasons = new ArrayList<>(UNSTORABLE);
        reasons.add("x".repeat(10_000));
        for (String reason : reasons) {
            staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", existing)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"" + reason + "\"}").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
            assertExistingUnchanged();
        }
    }

    @Test
    void anUnstorableValueRejectsTheWholeImportNamingRowAndField() {
        JsonNode all = staff().get().uri("/api/admin/resources/export").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode mine = all.valueStream().filter(s -> s.get("id").asString().equals(existing.toString()))
                .findFirst().orElseThrow();
        Map<String, Object> fresh = service("Imported " + UUID.randomUUID(), 40, -100);
        fresh.put("id", UUID.randomUUID().toString());
        String good = json.writeValueAsString(mine);
        String bad = json.writeValueAsString(fresh).replace("A test service", "A test\\u0000 service");
        staff().post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[" + good + "," + bad + "]").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rows[1].errors[0].field").isEqualTo("description");
        assertNothingNamed((String) fresh.get("name"));
        assertExistingUnchanged();
    }

    /** The service as JSON with {@code field} holding {@code raw} exactly as written between the quotes. */
    @SuppressWarnings("unchecked")
    private String withRaw(Map<String, Object> body, String field, String raw) {
        Map<String, Object> target = body;
        String[] path = field.replace("[0]", "").split("\\.");
        for (int i = 0; i < path.length - 1; i++) {
            Object next = target.get(path[i]);
            Map<String, Object> copy = new HashMap<>((Map<String, Object>) (next instanceof List<?> l ? l.get(0) : next));
            target.put(path[i], next instanceof List<?> ? List.of(copy) : copy);
            target = copy;
        }
        target.put(path[path.length - 1], MARK);
        return json.writeValueAsString(body).replace(MARK, raw);
    }

    private void assertNothingNamed(String name) {
        staff().get().uri("/api/admin/resources/services?search={name}", name).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total_items").isEqualTo(0);
    }

    private void assertExistingUnchanged() {
        staff().get().uri("/api/admin/resources/services/{id}", existing).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo(existingName)
                .jsonPath("$.status").isEqualTo("active");
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
