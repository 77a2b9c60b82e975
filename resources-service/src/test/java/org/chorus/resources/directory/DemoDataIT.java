package org.chorus.resources.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.names;
import static org.chorus.resources.directory.DirectoryFixtures.search;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.Map;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The devstack's demo directory, on a database of its own so no other test sees it. */
@ResourcesIntegrationTest
@ActiveProfiles({"test", "demo"})
@TestPropertySource(properties = "chorus.test.database=chorus_resources_demo")
class DemoDataIT {

    @Autowired
    WebTestClient http;

    @Test
    void demoServicesAreLabelledDemoAndCarryOnlyFictionalNumbers() {
        JsonNode all = http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR))
                .get().uri("/api/admin/resources/services?per_page=100").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(all.get("total_items").asInt()).isEqualTo(7);
        all.get("contents").valueStream().forEach(service -> {
            assertThat(service.get("name").asString()).startsWith("DEMO ");
            assertThat(service.get("organization").get("name").asString()).startsWith("DEMO ");
            service.get("phones").valueStream().forEach(phone -> {
                assertThat(phone.get("number").asString()).matches("\\d{3}-555-01\\d{2}");
                assertThat(phone.get("description").asString()).contains("DEMO");
            });
        });
    }

    @Test
    void demoShelterIsFoundNearChicagoWithoutItsAddress() {
        JsonNode answer = search(http, Map.of("zip", "60601", "radius_km", 10, "taxonomy_term", "shelter"));

        assertThat(names(answer)).containsExactly("DEMO Safe House (Chicago)");
        assertThat(answer.toString()).doesNotContain("DEMO confidential address").doesNotContain("41.922");
        assertThat(answer.get("national_hotlines")).isNotEmpty();
    }
}
