package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.search;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.ResourceUpdated;
import org.chorus.contracts.Topics;
import org.chorus.messaging.CloudEventHeaders;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * "Temporarily closed" is not "closed": the service stays in the public list and detail with why and until when, is
 * announced as an update, and is left out of search by place so nobody is sent to a closed door.
 */
@ResourcesIntegrationTest
class TemporaryClosureIT {

    @Autowired
    WebTestClient http;

    double[] spot;
    String name;
    UUID id;

    @BeforeEach
    void anOpenService() {
        spot = randomSpot();
        name = "Flooded " + UUID.randomUUID();
        id = create(http, service(name, spot[0], spot[1]));
    }

    @Test
    void closingForNowKeepsItListedWithTheReasonButOutOfSearch() {
        String until = LocalDate.now(ZoneOffset.UTC).plusDays(14).toString();
        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Water damage; <b>repairs</b> under way", "until", until)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("temporarily closed")
                .jsonPath("$.closure_reason").isEqualTo("Water damage; <b>repairs</b> under way")
                .jsonPath("$.closed_until").isEqualTo(until);

        http.get().uri("/api/resources/services/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("temporarily closed")
                .jsonPath("$.closed_until").isEqualTo(until);
        http.get().uri("/api/resources/services?search={name}", name).exchange()
                .expectBody().jsonPath("$.total_items").isEqualTo(1);
        assertThat(mine(search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 5)))).isEmpty();
        assertThat(latestEvent(2)).isEqualTo(EventTypes.typeOf(ResourceUpdated.class));

        staff().post().uri("/api/admin/resources/services/{id}/reopen", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("active")
                .jsonPath("$.closure_reason").doesNotExist()
                .jsonPath("$.closed_until").doesNotExist();
        assertThat(mine(search(http, Map.of("latitude", spot[0], "longitude", spot[1], "radius_km", 5))))
                .hasSize(1);
        assertThat(latestEvent(3)).isEqualTo(EventTypes.typeOf(ResourceUpdated.class));
    }

    @Test
    void reasonAndDayAreOptional() {
        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("temporarily closed")
                .jsonPath("$.closure_reason").doesNotExist();
    }

    @Test
    void aClosedServiceIsReopenedFirst() {
        staff().post().uri("/api/admin/resources/services/{id}/close", id).exchange().expectStatus().isOk();

        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", id).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("inactive");
    }

    @Test
    void badClosuresAreRefusedNamingTheFieldAndChangeNothing() {
        closeWith("{\"reason\": \"" + "r".repeat(501) + "\"}", 400, "reason");
        closeWith("{\"until\": \"next week\"}", 400, "until");
        closeWith("{\"until\": \"2027-02-30\"}", 400, "until");
        closeWith("{\"until\": \"2001-01-01\"}", 400, "until");
        closeWith("{\"until\": [1, 2]}", 400, "until");
        closeWith("{\"reason\": ", 400, null);
        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"" + "x".repeat(300_000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413);
        staff().post().uri("/api/admin/resources/services/{id}/temporarily-closed", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound();

        staff().get().uri("/api/admin/resources/services/{id}", id).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("active");
    }

    @Test
    void onlyResourceEditorsMayCloseAService() {
        http.post().uri("/api/admin/resources/services/{id}/temporarily-closed", id).exchange()
                .expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .post().uri("/api/admin/resources/services/{id}/temporarily-closed", id).exchange()
                .expectStatus().isForbidden();
    }

    private void closeWith(String body, int status, String field) {
        WebTestClient.BodyContentSpec answer = staff().post()
                .uri("/api/admin/resources/services/{id}/temporarily-closed", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        if (field != null) {
            answer.jsonPath("$.errors[0].field").isEqualTo(field);
        }
    }

    private String latestEvent(int count) {
        List<ConsumerRecord<String, String>> records = KafkaRecords.read(Topics.RESOURCES,
                record -> id.toString().equals(record.key()), count, Duration.ofSeconds(30));
        assertThat(records).hasSize(count);
        return CloudEventHeaders.get(records.get(count - 1).headers(), CloudEventHeaders.TYPE).orElseThrow();
    }

    private List<JsonNode> mine(JsonNode answer) {
        return answer.get("results").valueStream()
                .filter(match -> match.get("service").get("id").asString().equals(id.toString())).toList();
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
