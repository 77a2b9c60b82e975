package org.chorus.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The edge's own behaviour, before any service is involved. */
@GatewayIntegrationTest
class GatewayEdgeIT {

    @Autowired
    WebTestClient http;

    @Test
    void publicSiteIsServedWithHeadersThatKeepItSelfContained() {
        http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Content-Security-Policy", ".*default-src 'self'.*frame-ancestors 'none'.*")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().exists("Permissions-Policy");
    }

    @Test
    void publicSiteHasAQuickExit() {
        http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> org.assertj.core.api.Assertions.assertThat(html)
                        .contains("data-quick-exit").doesNotContain("<script>"));
    }

    @Test
    void staffPortalIsServedAtAdmin() {
        http.get().uri("/admin").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> org.assertj.core.api.Assertions.assertThat(html)
                        .contains("Chorus staff portal"));
    }

    @Test
    void staffApisNeedATokenAtTheEdgeAlready() {
        http.get().uri("/api/admin/stories").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/admin/staff").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() {
        http.get().uri("/api/admin/stories").header("Authorization", "Bearer not-a-jwt").exchange()
                .expectStatus().isUnauthorized();
    }
}
