package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@ResourcesIntegrationTest
class HsdsImportExportIT {

    private static final String EXPORT = "/api/admin/resources/hsds/export";
    private static final String IMPORT = "/api/admin/resources/hsds/import";
    /** Every key whose value is an id: derived from the service's own id, so a copy's differ. */
    private static final Set<String> IDS = Set.of("id", "service_id", "location_id", "link_id", "phone_id");

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    UUID shelter;
    UUID clinic;
    String street;

    @BeforeEach
    void twoServices() {
        HsdsFixtures.TwoServices two = HsdsFixtures.twoServices(http, "HSDS");
        shelter = two.shelter();
        clinic = two.clinic();
        street = two.street();
    }

    @Test
    void staffExportIsHsdsServicesWithTheConfidentialAddressForStaffOnly() {
        ArrayNode mine = exported(Set.of(shelter, clinic));

        for (JsonNode service : mine) {
            assertThat(HsdsSchemas.errors(HsdsSchemas.SERVICE, service)).isEmpty();
        }
        JsonNode hidden = byId(mine, shelter).get("service_at_locations").get(0).get("location");
        assertThat(hidden.get("addresses").get(0).get("address_1").asString()).isEqualTo(street);
        assertThat(hidden.get("latitude").isNumber()).isTrue();
        assertThat(hidden.get("attributes").valueStream()
                .anyMatch(a -> a.get("value").asString().equals("true")
                        && a.get("taxonomy_term").get("code").asString().equals("call_for_location"))).isTrue();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri(EXPORT).exchange().expectStatus().isForbidden();
        http.get().uri(EXPORT).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/resources/hsds/services/{id}", shelter).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(street));
    }

    @Test
    void hsdsExportImportsBackUnchanged() {
        ArrayNode mine = exported(Set.of(shelter, clinic));

        importFile(mine.toString()).expectStatus().isOk()
                .expectBody().jsonPath("$.updated").isEqualTo(2).jsonPath("$.created").isEqualTo(0);

        assertThat(without(exported(Set.of(shelter, clinic)), Set.of("last_modified")))
                .isEqualTo(without(mine, Set.of("last_modified")));
    }

    @Test
    void hsdsExportImportedAsNewServicesExportsTheSameFields() {
        ArrayNode mine = exported(Set.of(shelter, clinic));
        String file = mine.toString();
        Map<String, String> fresh = new HashMap<>();
        for (JsonNode service : mine) {
            fresh.put(service.get("id").asString(), UUID.randomUUID().toString());
            service.get("service_at_locations").valueStream()
                    .forEach(place -> fresh.put(place.get("location_id").asString(), UUID.randomUUID().toString()));
        }
        for (Map.Entry<String, String> id : fresh.entrySet()) {
            file = file.replace(id.getKey(), id.getValue());
        }

        importFile(file).expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(2);

        ArrayNode copies = exported(Set.of(UUID.fromString(fresh.get(shelter.toString())),
                UUID.fromString(fresh.get(clinic.toString()))));
        assertThat(sorted(without(copies, withModified()))).isEqualTo(sorted(without(mine, withModified())));
        staff().get().uri("/api/admin/resources/services/{id}", fresh.get(shelter.toString())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.location.location_type").isEqualTo("confidential")
                .jsonPath("$.location.address_1").isEqualTo(street);
    }

    @Test
    void aPageOfServicesImportsLikeAList() {
        ArrayNode mine = exported(Set.of(shelter, clinic));
        String organization = byId(mine, clinic).get("organization_id").asString();
        String page = http.get().uri("/api/resources/hsds/services?full=true&organization_id={id}", organization)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        importFile(page).expectStatus().isOk()
                .expectBody().jsonPath("$.updated").isEqualTo(1).jsonPath("$.rows[0].id").isEqualTo(clinic.toString());
        ObjectNode envelope = json.createObjectNode().put("total_items", 2).put("page_number", 1);
        envelope.set("contents", mine);
        importFile(envelope.toString()).expectStatus().isOk().expectBody().jsonPath("$.updated").isEqualTo(2);

        assertThat(without(exported(Set.of(shelter, clinic)), Set.of("last_modified")))
                .isEqualTo(without(mine, Set.of("last_modified")));
        importFile("{\"contents\": [42]}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        importFile("[] []").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void oneBadServiceRejectsTheFileNamingItsHsdsFieldAndStoresNothing() {
        ArrayNode file = exported(Set.of(clinic));
        UUID good = UUID.randomUUID();
        ObjectNode copy = withNewIds((ObjectNode) file.get(0), good);
        ObjectNode bad = withNewIds((ObjectNode) file.get(0), UUID.randomUUID());
        ((ObjectNode) bad.get("schedules").get(0)).put("byday", "MO,XX");
        ObjectNode zoneless = withNewIds((ObjectNode) file.get(0), UUID.randomUUID());
        ArrayNode attributes = (ArrayNode) zoneless.get("service_at_locations").get(0).get("location")
                .get("attributes");
        attributes.removeIf(a -> a.get("taxonomy_term").get("code").asString().equals("time_zone"));
        ArrayNode three = json.createArrayNode().add(copy).add(bad).add(zoneless);

        importFile(three.toString()).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("[1].schedules[0].byday");

        // structure first: fixed, the next fault is a rule of the directory, named as HSDS names the field
        ((ObjectNode) bad.get("schedules").get(0)).put("byday", "MO,WE");
        importFile(three.toString()).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.rows[0].outcome").isEqualTo("not imported")
                .jsonPath("$.rows[2].outcome").isEqualTo("rejected")
                .jsonPath("$.errors[0].field")
                .isEqualTo("[2].service_at_locations[0].location.attributes[time_zone].value");

        staff().get().uri("/api/admin/resources/services/{id}", good).exchange().expectStatus().isNotFound();
    }

    @Test
    void hostileFilesAreProblemsNeverServerErrors() {
        ObjectNode one = withNewIds((ObjectNode) exported(Set.of(clinic)).get(0), UUID.randomUUID());
        Map<String, String> refused = new HashMap<>();
        refused.put("", "");
        refused.put("not json", "");
        refused.put("{}", "");
        refused.put("[]", "services");
        refused.put("null", "services");
        refused.put("[null]", "[0]");
        refused.put("[42]", "");
        refused.put("[" + with(one, "name", "\"" + "x".repeat(100_000) + "\"") + "]", "[0].name");
        refused.put("[" + with(one, "name", "42") + "]", "[0].name");
        // escaped in the file's own text: a tree would write an unpaired surrogate as '?'
        refused.put("[" + with(one, "name", "\"NAME\"").replace("NAME", "nul\\u0000here") + "]", "[0].name");
        refused.put("[" + with(one, "name", "\"NAME\"").replace("NAME", "half \\ud800 pair") + "]", "[0].name");
        refused.put("[" + with(one, "id", "\"'; DROP TABLE service; --\"") + "]", "[0].id");
        refused.put("[" + with(one, "phones", "[{\"number\": \"<script>alert(1)</script>\"}]") + "]",
                "[0].phones[0].number");
        refused.put("[" + with(one, "attributes", "[{\"taxonomy_term_id\": \""
                + ChorusTaxonomies.Extension.FREE_OF_CHARGE.term.id() + "\", \"value\": \"yes\"}]") + "]",
                "[0].attributes[0].value");
        refused.put("[" + with(one, "attributes", "[]") + "]", "[0].attributes");
        refused.put("[" + with(one, "service_at_locations", "[{\"id\": \"" + UUID.randomUUID() + "\"}]") + "]",
                "[0].service_at_locations[0].location");
        refused.put("[" + with(one, "schedules", "[{\"byday\": \"MO\", \"opens_at\": \"25:00\", \"closes_at\":"
                + " \"26:00\"}]") + "]", "[0].schedules[0].opens_at");
        refused.put("[" + with(one, "languages", "[{\"code\": \"' OR 1=1 --\"}]") + "]", "[0].languages[0].code");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 1_001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{}");
        }
        refused.put(tooMany.append("]").toString(), "services");

        refused.forEach((file, field) -> {
            try {
                WebTestClient.BodyContentSpec problem = importFile(file).expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody();
                if (!field.isEmpty()) {
                    problem.jsonPath("$.errors[0].field").isEqualTo(field);
                }
            } catch (AssertionError e) {
                throw new AssertionError("expected " + field + " refused in " + file.substring(0,
                        Math.min(file.length(), 300)) + "\n" + e.getMessage(), e);
            }
        });

        staff().post().uri(IMPORT).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[33 * 1024 * 1024]).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void markupSqlAndUnicodeAreKeptAsText() {
        UUID id = UUID.randomUUID();
        String name = "<script>alert('x')</script> '; DROP TABLE service; -- Ayuda ❤ 𝄞 مساعدة";
        ObjectNode one = withNewIds((ObjectNode) exported(Set.of(clinic)).get(0), id);
        one.put("name", name);

        importFile("[" + one + "]").expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);

        assertThat(exported(Set.of(id)).get(0).get("name").asString()).isEqualTo(name);
    }

    @Test
    void importNeedsTheResourceEditorRole() {
        http.post().uri(IMPORT).contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .post().uri(IMPORT).contentType(MediaType.APPLICATION_JSON).bodyValue("[]").exchange()
                .expectStatus().isForbidden();
    }

    private String with(ObjectNode service, String field, String rawJson) {
        ObjectNode copy = service.deepCopy();
        copy.set(field, json.readTree(rawJson));
        return copy.toString();
    }

    /** A copy with an id of its own and places of its own (a place belongs to one service). */
    private ObjectNode withNewIds(ObjectNode service, UUID id) {
        String text = service.toString().replace(service.get("id").asString(), id.toString());
        for (JsonNode place : service.get("service_at_locations")) {
            text = text.replace(place.get("location_id").asString(), UUID.randomUUID().toString());
        }
        return (ObjectNode) json.readTree(text);
    }

    private static Set<String> withModified() {
        Set<String> keys = new java.util.HashSet<>(IDS);
        keys.add("last_modified");
        return keys;
    }

    private static JsonNode without(JsonNode node, Set<String> keys) {
        JsonNode copy = node.deepCopy();
        strip(copy, keys);
        return copy;
    }

    private static void strip(JsonNode node, Set<String> keys) {
        if (node instanceof ObjectNode object) {
            object.remove(keys);
        }
        node.forEach(child -> strip(child, keys));
    }

    /** The shelter first: services by name. */
    private JsonNode sorted(JsonNode services) {
        ArrayNode sorted = json.createArrayNode();
        services.valueStream().sorted(java.util.Comparator.comparing(s -> s.get("name").asString()))
                .forEach(sorted::add);
        return sorted;
    }

    private static JsonNode byId(ArrayNode services, UUID id) {
        return services.valueStream().filter(s -> s.get("id").asString().equals(id.toString())).findFirst()
                .orElseThrow();
    }

    private ArrayNode exported(Set<UUID> ids) {
        JsonNode all = staff().get().uri(EXPORT).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        ArrayNode mine = json.createArrayNode();
        all.valueStream().filter(s -> ids.contains(UUID.fromString(s.get("id").asString()))).forEach(mine::add);
        assertThat(mine).hasSize(ids.size());
        return mine;
    }

    private WebTestClient.ResponseSpec importFile(String file) {
        return staff().post().uri(IMPORT).contentType(MediaType.APPLICATION_JSON).bodyValue(file).exchange();
    }

    private WebTestClient staff() {
        // the export is the whole directory, which the other test classes of this JVM have filled past 256 KB
        return http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build()
                .mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
