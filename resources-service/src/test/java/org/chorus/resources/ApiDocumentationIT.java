package org.chorus.resources;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The OpenAPI description is published, and the hotlines answer without a database round trip. */
@ResourcesIntegrationTest
class ApiDocumentationIT {

    @Autowired
    WebTestClient http;

    @Test
    void openApiDescribesThePublicAndStaffPaths() {
        // the description is built on the first call, which takes seconds on a busy machine
        http.mutate().responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/resources/services']").exists()
                .jsonPath("$.paths['/api/resources/services/{id}']").exists()
                .jsonPath("$.paths['/api/resources/search'].post").exists()
                .jsonPath("$.paths['/api/resources/search'].get").exists()
                // sent as ready JSON, described as the service it is
                .jsonPath("$.components.schemas.Match.properties.service['$ref']")
                .isEqualTo("#/components/schemas/ServiceView")
                .jsonPath("$.paths['/api/resources/hotlines']").exists()
                .jsonPath("$.paths['/api/resources/hsds'].get").exists()
                .jsonPath("$.paths['/api/resources/hsds/services'].get.parameters[?(@.name == 'modified_after')]")
                .exists()
                .jsonPath("$.paths['/api/resources/hsds/services/{id}'].get").exists()
                .jsonPath("$.paths['/api/resources/hsds/organizations/{id}'].get").exists()
                .jsonPath("$.paths['/api/resources/hsds/service_at_locations'].get.parameters[?(@.name == 'proximity')]")
                .exists()
                .jsonPath("$.paths['/api/resources/hsds/taxonomy_terms'].get").exists()
                .jsonPath("$.paths['/api/resources/taxonomies'].get").exists()
                .jsonPath("$.paths['/api/admin/resources/import'].post.requestBody.content['application/json']")
                .exists()
                .jsonPath("$.paths['/api/admin/resources/import'].post.requestBody.content['application/zip']")
                .exists()
                .jsonPath("$.paths['/api/admin/resources/export/csv']").exists()
                .jsonPath("$.paths['/api/admin/resources/hsds/export'].get").exists()
                .jsonPath("$.paths['/api/admin/resources/hsds/import'].post.requestBody"
                        + ".content['application/json'].schema.items['$ref']").exists()
                .jsonPath("$.paths['/api/admin/resources/hsds/import'].post.requestBody"
                        + ".content['application/zip']").exists()
                .jsonPath("$.paths['/api/admin/resources/hsds/export/csv'].get.responses['200']"
                        + ".content['application/zip']").exists()
                .jsonPath("$.paths['/api/resources/hsds/services'].get.parameters[?(@.name == 'minimal')]").exists()
                .jsonPath("$.paths['/api/resources/hsds/services'].get.parameters[?(@.name == 'taxonomy_id')]")
                .exists()
                .jsonPath("$.paths['/api/admin/resources/services/{id}/temporarily-closed']").exists();
    }

    @Test
    void nationalHotlinesAreServedOnTheirOwn() {
        http.get().uri("/api/resources/hotlines").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].call").isEqualTo("1-800-656-4673")
                .jsonPath("$[0].chat_url").isEqualTo("https://hotline.rainn.org/online")
                .jsonPath("$[3].text").isEqualTo("Text HOME to 741741");
    }
}
