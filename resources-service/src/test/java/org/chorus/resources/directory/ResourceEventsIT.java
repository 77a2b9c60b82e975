package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.north;
import static org.chorus.resources.directory.DirectoryFixtures.randomZipArea;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.Topics;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.resources.directory.DirectoryFixtures.ZipArea;
import org.chorus.resources.geo.ZipCentroids;
import org.chorus.testsupport.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory's events carry what "new help near you" needs (the status, whether a change reopened the service,
 * the centre of the main place's ZIP code area) and nothing a shelter hides.
 */
@ResourcesIntegrationTest
class ResourceEventsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    @Test
    void aShelterIsAnnouncedAtItsZipCentreNeverItsAddressOrPlace() {
        ZipArea area = randomZipArea(zips);
        String street = "742 Hidden Lane " + UUID.randomUUID();
        double latitude = north(area.centre().latitude(), -2);
        var shelter = service("DEMO Shelter " + UUID.randomUUID(), latitude, area.centre().longitude());
        location(shelter).put("location_type", "confidential");
        location(shelter).put("address_1", street);
        location(shelter).put("postal_code", area.zip());
        UUID id = create(http, shelter);

        ConsumerRecord<String, String> published = events(id, 1).get(0);
        JsonNode event = JSON.readTree(published.value());
        assertThat(event.get("status").asString()).isEqualTo("active");
        assertThat(event.get("postalCode").asString()).isEqualTo(area.zip());
        assertThat(event.get("latitude").asDouble()).isEqualTo(area.centre().latitude());
        assertThat(event.get("longitude").asDouble()).isEqualTo(area.centre().longitude());
        assertThat(published.value()).doesNotContain(street).doesNotContain(String.valueOf(latitude));
    }

    @Test
    void reopeningAfterATemporaryClosureSaysSo() {
        double[] spot = DirectoryFixtures.randomSpot();
        UUID id = create(http, service("DEMO Counselling " + UUID.randomUUID(), spot[0], spot[1]));
        WebTestClient staff = http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
        staff.post().uri("/api/admin/resources/services/{id}/temporarily-closed", id).exchange()
                .expectStatus().isOk();
        staff.post().uri("/api/admin/resources/services/{id}/reopen", id).exchange().expectStatus().isOk();

        List<JsonNode> events = events(id, 3).stream().map(record -> JSON.readTree(record.value())).toList();
        assertThat(events.get(1).get("status").asString()).isEqualTo("temporarily closed");
        assertThat(events.get(1).get("reopened").asBoolean()).isFalse();
        assertThat(events.get(2).get("status").asString()).isEqualTo("active");
        assertThat(events.get(2).get("reopened").asBoolean()).isTrue();
        // a physical place too is announced at its ZIP's centre, never at its own coordinates
        assertThat(events.get(2).get("latitude").asDouble())
                .isEqualTo(zips.locate("75001").orElseThrow().latitude());
    }

    private static List<ConsumerRecord<String, String>> events(UUID id, int count) {
        List<ConsumerRecord<String, String>> records = KafkaRecords.read(Topics.RESOURCES,
                record -> id.toString().equals(record.key()), count, Duration.ofSeconds(30));
        assertThat(records).hasSize(count);
        return records;
    }
}
