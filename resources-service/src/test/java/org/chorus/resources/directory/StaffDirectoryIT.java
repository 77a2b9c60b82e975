package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.ResourcePublished;
import org.chorus.contracts.ResourceRemoved;
import org.chorus.contracts.ResourceUpdated;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

@ResourcesIntegrationTest
class StaffDirectoryIT {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void onlyResourceEditorsMayChangeTheDirectory() {
        Map<String, Object> body = service("Unauthorised", 40, -100);
        http.post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isForbidden();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_campaign-manager")))
                .post().uri("/api/admin/resources/services/{id}/close", UUID.randomUUID()).exchange()
                .expectStatus().isForbidden();
        http.put().uri("/api/resources/services/{id}", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void everyChangeIsAnnouncedThroughTheOutbox() {
        double[] spot = randomSpot();
        Map<String, Object> body = service("Announced " + UUID.randomUUID(), spot[0], spot[1]);
        body.put("taxonomy_terms", List.of("legal-advocacy"));
        UUID id = create(http, body);

        assertEvents(id, 1, ResourcePublished.class);
        ConsumerRecord<String, String> published = KafkaRecords.awaitKey(Topics.RESOURCES, id.toString(), KAFKA);
        assertThat(published.value()).contains("\"postalCode\":\"75001\"").contains("legal-advocacy")
                .doesNotContain("100 Test Street").doesNotContain(String.valueOf(spot[0]));

        body.put("name", "Renamed");
        staff().put().uri("/api/admin/resources/services/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Renamed");
        assertEvents(id, 2, ResourceUpdated.class);

        staff().post().uri("/api/admin/resources/services/{id}/verified", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.last_verified").isNotEmpty();
        assertEvents(id, 3, ResourceUpdated.class);

        staff().post().uri("/api/admin/resources/services/{id}/close", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("inactive");
        assertEvents(id, 4, ResourceRemoved.class);
        staff().post().uri("/api/admin/resources/services/{id}/close", id).exchange().expectStatus().isOk();

        staff().post().uri("/api/admin/resources/services/{id}/reopen", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("active");
        assertEvents(id, 5, ResourcePublished.class);
        assertThat(eventsFor(id, 6, Duration.ofSeconds(3))).as("closing twice announces once").hasSize(5);
    }

    @Test
    void organizationCanBeSharedAndIsUpdatedInPlace() {
        UUID organization = UUID.randomUUID();
        Map<String, Object> first = service("First", 40, -100);
        first.put("organization", Map.of("id", organization.toString(), "name", "Shared org"));
        Map<String, Object> second = service("Second", 40, -100);
        second.put("organization", Map.of("id", organization.toString(), "name", "Shared org, renamed"));

        UUID firstId = create(http, first);
        create(http, second);

        staff().get().uri("/api/admin/resources/services/{id}", firstId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.organization.name").isEqualTo("Shared org, renamed");
    }

    @Test
    void duplicateIdIsAConflictAndChangesNothing() {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = service("Original", 40, -100);
        body.put("id", id.toString());
        create(http, body);
        body.put("name", "Impostor");

        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");

        staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectBody().jsonPath("$.name").isEqualTo("Original");
        assertThat(eventsFor(id, 2, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void unknownServiceIsNotFound() {
        staff().post().uri("/api/admin/resources/services/{id}/close", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        staff().put().uri("/api/admin/resources/services/{id}", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(service("Nobody", 40, -100)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/resources/services/not-a-uuid").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static Stream<Arguments> invalidServices() {
        return Stream.of(
                invalid("blank name", s -> s.put("name", "  "), "name"),
                invalid("oversized name", s -> s.put("name", "n".repeat(201)), "name"),
                invalid("no organization", s -> s.remove("organization"), "organization"),
                invalid("no taxonomy term", s -> s.put("taxonomy_terms", List.of()), "taxonomy_terms"),
                invalid("unknown taxonomy term", s -> s.put("taxonomy_terms", List.of("shelter", "spa")),
                        "taxonomy_terms[1]"),
                invalid("bad language", s -> s.put("languages", List.of("english!")), "languages[0]"),
                invalid("no location", s -> s.remove("location"), "location"),
                invalid("unknown location type", s -> location(s).put("location_type", "secret"),
                        "location.location_type"),
                invalid("latitude out of range", s -> location(s).put("latitude", 90.5), "location.latitude"),
                invalid("longitude out of range", s -> location(s).put("longitude", -181), "location.longitude"),
                invalid("bad zip", s -> location(s).put("postal_code", "ABCDE"), "location.postal_code"),
                invalid("unknown time zone", s -> location(s).put("time_zone", "Mars/Olympus_Mons"),
                        "location.time_zone"),
                invalid("bad phone", s -> s.put("phones", List.of(Map.of("number", "<script>", "type", "voice"))),
                        "phones[0].number"),
                invalid("unknown phone type", s -> s.put("phones", List.of(Map.of("number", "555-0100", "type", "fax"))),
                        "phones[0].type"),
                invalid("unparseable weekday", s -> s.put("schedules",
                        List.of(Map.of("weekday", "Funday", "opens_at", "09:00", "closes_at", "17:00"))),
                        "schedules[0].weekday"),
                invalid("unparseable time", s -> s.put("schedules",
                        List.of(Map.of("weekday", "MO", "opens_at", "9am", "closes_at", "17:00"))),
                        "schedules[0].opens_at"),
                invalid("impossible time", s -> s.put("schedules",
                        List.of(Map.of("weekday", "MO", "opens_at", "09:00", "closes_at", "25:00"))),
                        "schedules[0].closes_at"),
                invalid("wrong type", s -> s.put("free_of_charge", Map.of("yes", 1)), "free_of_charge"),
                invalid("sql in an id", s -> s.put("id", "1'; drop table service; --"), "id"));
    }

    private static Arguments invalid(String why, Consumer<Map<String, Object>> change, String field) {
        return Arguments.of(why, change, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidServices")
    void invalidServiceIsRefusedNamingTheFieldAndStoresNothing(String why,
                                                              Consumer<Map<String, Object>> change,
                                                              String field) {
        String name = "Invalid " + UUID.randomUUID();
        Map<String, Object> body = service(name, 40, -100);
        change.accept(body);

        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);

        assertThat(db.sql("select count(*) as n from service where name = :name").bind("name", name)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void anyTextWithinTheLimitsIsStoredExactlyAsWritten() {
        String hostile = "<script>alert('x')</script> '; drop table service; -- Ünïcödé ✊🏽 مرحبا \u200b\u202e";
        Map<String, Object> body = service(hostile, 40, -100);
        body.put("description", hostile);

        UUID id = create(http, body);

        http.get().uri("/api/resources/services/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo(hostile).jsonPath("$.description").isEqualTo(hostile);
    }

    @Test
    void malformedEmptyAndHugeBodiesAreProblems() {
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"unterminated").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + "x".repeat(1_000_000) + "\"}").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        staff().post().uri("/api/admin/resources/services").contentType(MediaType.TEXT_PLAIN).bodyValue("name=x")
                .exchange()
                .expectStatus().isEqualTo(415);
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }

    /** The outbox holds the n-th event for this service, of this type, and the relay publishes it to Kafka. */
    private void assertEvents(UUID id, int count, Class<? extends IntegrationEvent> latest) {
        List<ConsumerRecord<String, String>> records = eventsFor(id, count, KAFKA);
        assertThat(records).hasSize(count);
        assertThat(CloudEventHeaders.get(records.get(count - 1).headers(), CloudEventHeaders.TYPE))
                .contains(EventTypes.typeOf(latest));
    }

    private static List<ConsumerRecord<String, String>> eventsFor(UUID id, int enough, Duration within) {
        return KafkaRecords.read(Topics.RESOURCES, record -> id.toString().equals(record.key()), enough, within);
    }
}
