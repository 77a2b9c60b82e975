package org.chorus.stories;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class ApiDescriptionIT {

    @Autowired
    WebTestClient http;

    @Test
    void openApiDescribesThePublicAndTheStaffEndpoints() {
        // the description is generated on the first request, which takes far longer than the default 5 s on a busy machine
        http.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/stories'].post").exists()
                .jsonPath("$.paths['/api/stories'].get").exists()
                .jsonPath("$.paths['/api/stories'].get.parameters[?(@.name == 'theme')]").exists()
                .jsonPath("$.paths['/api/stories/manage'].get").exists()
                .jsonPath("$.paths['/api/stories/manage'].delete").exists()
                .jsonPath("$.paths['/api/stories/manage/consents'].put").exists()
                .jsonPath("$.paths['/api/stories/{id}/reports'].post").exists()
                .jsonPath("$.paths['/api/stories/taxonomies'].get").exists()
                .jsonPath("$.paths['/api/admin/stories/{id}/publication'].post").exists()
                .jsonPath("$.paths['/api/admin/stories/{id}/rejection'].post").exists()
                .jsonPath("$.paths['/api/admin/stories/{id}/featured'].put").exists()
                .jsonPath("$.paths['/api/admin/stories/audit'].get").exists();
    }
}
