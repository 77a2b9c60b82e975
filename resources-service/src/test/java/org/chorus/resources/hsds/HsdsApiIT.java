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
import java.time.Instant;
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
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every HSDS path answers what Open Referral's published 3.0 schemas accept (HsdsSchemas), with Chorus's own facts
 * as attributes. Each test works in a ZIP area of its own, with a word of its own in every name.
 */
@ResourcesIntegrationTest
class HsdsApiIT {

    static final String HSDS = "/api/resources/hsds";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    String word;
    ZipArea area;
    UUID counselling;
    UUID shelter;
    UUID hotline;
    UUID closed;

    @BeforeEach
    void aSmallDirectory() {
        word = "hsds" + UUID.randomUUID().toString().replace("-", "");
        area = randomZipArea(zips);

        Map<String, Object> office = service("DEMO Counselling " + word, north(area.centre().latitude(), 1),
                area.centre().longitude());
        location(office).put("postal_code", area.zip());
        office.put("languages", List.of("en", "es"));
        office.put("phones", List.of(Map.of("number", "555-0101", "type", "voice", "languages", List.of("es"))));
        office.put("schedules", List.of(Map.of("weekday", "MO", "opens_at", "09:00", "closes_at", "17:00"),
                Map.of("weekday", "FR", "opens_at", "22:00", "closes_at", "02:00")));
        counselling = create(http, office);

        Map<String, Object> refuge = service("DEMO Shelter " + word, north(area.centre().latitude(), -2),
                area.centre().longitude());
        refuge.put("taxonomy_terms", List.of("shelter"));
        location(refuge).put("location_type", "confidential");
        location(refuge).put("address_1", "742 Hidden Lane");
        location(refuge).put("postal_code", area.zip());
        shelter = create(http, refuge);

        Map<String, Object> line = service("DEMO Hotline " + word, 0, 0);
        line.put("taxonomy_terms", List.of("crisis-hotline"));
        line.put("twenty_four_seven", true);
        location(line).clear();
        location(line).putAll(Map.of("location_type", "virtual", "time_zone", "America/New_York"));
        hotline = create(http, line);

        Map<String, Object> repairs = service("DEMO Legal " + word, north(area.centre().latitude(), 3),
                area.centre().longitude());
        repairs.put("taxonomy_terms", List.of("legal-advocacy"));
        location(repairs).put("postal_code", area.zip());
        closed = create(http, repairs);
        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", closed)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Flooded office")).exchange()
                .expectStatus().isOk();
        staff().post().uri("/api/admin/resources/services/{id}/verified", counselling).exchange()
                .expectStatus().isOk();
    }

    @Test
    void theRootNamesHsdsThreePointZeroAndItsOpenApi() {
        JsonNode root = get(HSDS + "/");
        assertThat(root.get("version").asString()).isEqualTo("3.0");
        assertThat(root.get("openapi_url").asString()).endsWith("/3.0/schema/openapi.json");
        assertThat(get(HSDS)).isEqualTo(root);
    }

    @Test
    void everyServiceConformsToTheCompiledServiceSchema() {
        for (UUID id : List.of(counselling, shelter, hotline, closed)) {
            JsonNode service = get(HSDS + "/services/" + id);
            assertThat(HsdsSchemas.errors(HsdsSchemas.SERVICE, service)).as(id.toString()).isEmpty();
        }
        JsonNode office = get(HSDS + "/services/" + counselling);
        assertThat(office.get("languages").valueStream().map(language -> language.get("code").asString()))
                .containsExactly("en", "es");
        assertThat(office.get("languages").get(1).get("name").asString()).isEqualTo("Spanish");
        assertThat(office.get("phones").get(0).get("id").asString()).isNotBlank();
        assertThat(office.get("phones").get(0).get("languages").get(0).get("code").asString()).isEqualTo("es");
        assertThat(office.get("schedules").get(0).get("freq").asString()).isEqualTo("WEEKLY");
        assertThat(office.get("schedules").get(0).get("byday").asString()).isEqualTo("MO");
        JsonNode place = office.get("service_at_locations").get(0).get("location");
        assertThat(place.get("addresses").get(0).get("postal_code").asString()).isEqualTo(area.zip());
        // ids Chorus derives are stable from one answer to the next
        assertThat(get(HSDS + "/services/" + counselling).get("phones").get(0).get("id"))
                .isEqualTo(office.get("phones").get(0).get("id"));
    }

    @Test
    void chorusExtensionsAreAttributesOfItsOwnTaxonomy() {
        assertThat(attribute(get(HSDS + "/services/" + hotline), "twenty_four_seven")).isEqualTo("true");
        assertThat(attribute(get(HSDS + "/services/" + hotline), "open_now")).isEqualTo("true");
        assertThat(attribute(get(HSDS + "/services/" + counselling), "twenty_four_seven")).isEqualTo("false");
        JsonNode verified = get(HSDS + "/services/" + counselling);
        assertThat(attribute(verified, "last_verified")).isEqualTo(verified.get("assured_date").asString());
        JsonNode repairs = get(HSDS + "/services/" + closed);
        assertThat(repairs.get("status").asString()).isEqualTo("temporarily closed");
        assertThat(attribute(repairs, "temporarily_closed")).isEqualTo("true");
        assertThat(attribute(repairs, "closure_reason")).isEqualTo("Flooded office");
        assertThat(repairs.get("alert").asString()).isEqualTo("Flooded office");
        JsonNode refuge = get(HSDS + "/services/" + shelter).get("service_at_locations").get(0).get("location");
        assertThat(attribute(refuge, "call_for_location")).isEqualTo("true");
        // every attribute's term is one /taxonomy_terms lists
        JsonNode terms = get(HSDS + "/taxonomy_terms?per_page=100");
        List<String> termIds = terms.get("contents").valueStream().map(term -> term.get("id").asString()).toList();
        verified.get("attributes").valueStream()
                .forEach(attribute -> assertThat(termIds).contains(attribute.get("taxonomy_term_id").asString()));
    }

    @Test
    void listsAnswerInTheEnvelopeWithItemsTheirSchemasAccept() {
        JsonNode services = get(HSDS + "/services?per_page=3&search=" + word);
        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.SERVICE_LIST, services)).isEmpty();
        assertThat(services.get("total_items").asLong()).isEqualTo(4);
        assertThat(services.get("total_pages").asLong()).isEqualTo(2);
        assertThat(services.get("size").asInt()).isEqualTo(3);
        assertThat(services.get("last_page").asBoolean()).isFalse();
        JsonNode second = get(HSDS + "/services?per_page=3&page=2&search=" + word);
        assertThat(second.get("size").asInt()).isEqualTo(1);
        assertThat(second.get("last_page").asBoolean()).isTrue();

        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.SERVICE,
                get(HSDS + "/services?full=true&search=" + word))).isEmpty();

        JsonNode organizations = get(HSDS + "/organizations?per_page=100&search=Test");
        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.ORGANIZATION_LIST, organizations)).isEmpty();
        String organization = get(HSDS + "/services/" + counselling).get("organization_id").asString();
        JsonNode owner = get(HSDS + "/organizations/" + organization);
        assertThat(HsdsSchemas.errors(HsdsSchemas.ORGANIZATION, owner)).isEmpty();
        assertThat(owner.get("services").get(0).get("id").asString()).isEqualTo(counselling.toString());
        assertThat(HsdsSchemas.errors(HsdsSchemas.ORGANIZATION,
                get(HSDS + "/organizations/" + organization + "?full_service=true"))).isEmpty();

        JsonNode places = get(HSDS + "/service_at_locations?postcode=" + area.zip() + "&proximity=10000");
        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.SERVICE_AT_LOCATION_LIST, places)).isEmpty();
        String place = places.get("contents").get(0).get("id").asString();
        assertThat(HsdsSchemas.errors(HsdsSchemas.SERVICE_AT_LOCATION,
                get(HSDS + "/service_at_locations/" + place))).isEmpty();

        JsonNode taxonomies = get(HSDS + "/taxonomies");
        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.TAXONOMY, taxonomies)).isEmpty();
        assertThat(HsdsSchemas.errors(HsdsSchemas.TAXONOMY,
                get(HSDS + "/taxonomies/" + taxonomies.get("contents").get(0).get("id").asString()))).isEmpty();
        JsonNode terms = get(HSDS + "/taxonomy_terms?per_page=100");
        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.TAXONOMY_TERM, terms)).isEmpty();
        assertThat(HsdsSchemas.errors(HsdsSchemas.TAXONOMY_TERM,
                get(HSDS + "/taxonomy_terms/" + terms.get("contents").get(0).get("id").asString()))).isEmpty();
    }

    @Test
    void proximityIsMeasuredFromThePostcodeCentreNearestFirst() {
        // the shelter stands at its ZIP's centre for the public (truly 2 km south); the office is 1 km north, the
        // closed legal service 3 km north; the hotline has no place
        assertThat(placeServices(area.zip(), 10_000)).containsExactly(shelter, counselling, closed);
        assertThat(placeServices(area.zip(), 1_500)).containsExactly(shelter, counselling);
        assertThat(placeServices(area.zip(), 500)).containsExactly(shelter);
        assertThat(placeServices(area.zip(), null)).containsExactlyInAnyOrder(shelter, counselling, closed);
    }

    @Test
    void ndjsonStreamsEveryMatchUnpaged() {
        String body = http.get().uri(HSDS + "/services?format=ndjson&per_page=1&search=" + word).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = body.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(HsdsSchemas.errors(HsdsSchemas.SERVICE_LIST, JSON.readTree(line))).isEmpty();
        }
        String places = http.get().uri(HSDS + "/service_at_locations?format=ndjson&postcode=" + area.zip()
                        + "&proximity=10000").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(places.lines().filter(line -> !line.isBlank()).map(JSON::readTree)
                .map(place -> place.get("service_id").asString()).toList())
                .containsExactly(shelter.toString(), counselling.toString(), closed.toString());
    }

    @Test
    void modifiedAfterAndTaxonomyTermSelectServices() {
        assertThat(get(HSDS + "/services?search=" + word + "&modified_after="
                + Instant.now().plusSeconds(3600)).get("total_items").asLong()).isZero();
        assertThat(get(HSDS + "/services?search=" + word + "&modified_after="
                + Instant.now().minusSeconds(3600)).get("total_items").asLong()).isEqualTo(4);
        String shelterType = ChorusTaxonomies.serviceType("shelter").orElseThrow().id().toString();
        JsonNode shelters = get(HSDS + "/services?search=" + word + "&taxonomy_term_id=" + shelterType);
        assertThat(shelters.get("contents").valueStream().map(s -> s.get("id").asString()).toList())
                .containsExactly(shelter.toString());
    }

    @Test
    void minimalListsEveryMatchOnOnePageWithOnlyItsIdAndLastModified() {
        JsonNode minimal = get(HSDS + "/services?minimal=true&search=" + word);

        assertThat(minimal.get("total_items").asLong()).isEqualTo(4);
        assertThat(minimal.get("total_pages").asLong()).isEqualTo(1);
        assertThat(minimal.get("size").asInt()).isEqualTo(4);
        assertThat(HsdsSchemas.minimalPageErrors(minimal)).isEmpty();
        JsonNode full = get(HSDS + "/services?per_page=100&search=" + word);
        assertThat(minimal.get("contents").valueStream().map(item -> item.get("id").asString()).toList())
                .isEqualTo(full.get("contents").valueStream().map(item -> item.get("id").asString()).toList());
        assertThat(minimal.get("contents").get(0).get("last_modified"))
                .isEqualTo(full.get("contents").get(0).get("last_modified"));
        String lines = http.get().uri(HSDS + "/services?minimal=true&format=ndjson&search=" + word).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(lines.lines().filter(line -> !line.isBlank()).map(JSON::readTree).toList())
                .isEqualTo(minimal.get("contents").valueStream().toList());
    }

    @Test
    void taxonomyIdSelectsServicesWithATermOfThatTaxonomy() {
        // every service has a service type and the extension attributes: either taxonomy selects all of them
        for (Hsds.Taxonomy taxonomy : ChorusTaxonomies.taxonomies()) {
            assertThat(get(HSDS + "/services?search=" + word + "&taxonomy_id=" + taxonomy.id())
                    .get("total_items").asLong()).isEqualTo(4);
            assertThat(get(HSDS + "/service_at_locations?postcode=" + area.zip() + "&taxonomy_id=" + taxonomy.id())
                    .get("contents").valueStream().map(place -> UUID.fromString(place.get("service_id").asString()))
                    .filter(id -> List.of(counselling, shelter, closed).contains(id)).count()).isEqualTo(3);
        }
        String shelterType = ChorusTaxonomies.serviceType("shelter").orElseThrow().id().toString();
        assertThat(get(HSDS + "/services?search=" + word + "&taxonomy_id=" + ChorusTaxonomies.SERVICE_TYPES.id()
                + "&taxonomy_term_id=" + shelterType).get("total_items").asLong()).isEqualTo(1);
    }

    @Test
    void unknownRecordsAreNotFound() {
        for (String path : List.of("/services/", "/organizations/", "/service_at_locations/", "/taxonomies/",
                "/taxonomy_terms/")) {
            http.get().uri(HSDS + path + UUID.randomUUID()).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private List<UUID> placeServices(String postcode, Integer proximity) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(HSDS + "/service_at_locations")
                .queryParam("postcode", postcode).queryParam("per_page", 100);
        if (proximity != null) {
            uri.queryParam("proximity", proximity);
        }
        return get(uri.toUriString()).get("contents").valueStream()
                .map(place -> UUID.fromString(place.get("service_id").asString()))
                .filter(id -> List.of(counselling, shelter, hotline, closed).contains(id)).toList();
    }

    static String attribute(JsonNode record, String code) {
        return record.get("attributes").valueStream()
                .filter(attribute -> attribute.get("taxonomy_term").get("code").asString().equals(code))
                .map(attribute -> attribute.get("value").asString()).findFirst().orElse(null);
    }

    private JsonNode get(String uri) {
        byte[] body = http.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBodyContent();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
