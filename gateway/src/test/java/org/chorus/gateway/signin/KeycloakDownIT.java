package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's half of fault 4: Keycloak does not answer. The public site and the API keep working; a staff member
 * who presses "Sign in" gets a page that says what is wrong in words, and a script gets the same as problem+json.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "chorus.sign-in.issuer=${chorus.test.service-down}/realms/chorus")
class KeycloakDownIT {

    @Autowired
    WebTestClient http;

    @Test
    void aStaffMemberSigningInGetsAPageThatSaysSignInIsDownAndThePublicSiteIsNot() {
        String page = http.get().uri("/oauth2/authorization/keycloak")
                .accept(MediaType.TEXT_HTML, MediaType.APPLICATION_XHTML_XML, MediaType.ALL).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("Staff sign-in is not available right now", "The public site is not affected",
                "href=\"/admin\"", "1-800-656-4673").doesNotContain("Exception", "127.0.0.1");
    }

    @Test
    void aScriptAskingForJsonGetsTheSameAsAProblem() {
        http.get().uri("/oauth2/authorization/keycloak").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void readersAndSurvivorsNoticeNothing() {
        http.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
        http.get().uri("/share.html").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
        http.get().uri("/api/stories").exchange().expectStatus().isOk();
        http.get().uri("/api/resources/hotlines").exchange().expectStatus().isOk();
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"t\",\"language\":\"en\"}").exchange().expectStatus().isCreated();
    }
}
