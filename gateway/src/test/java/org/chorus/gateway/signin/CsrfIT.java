package org.chorus.gateway.signin;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A signed-in staff member's browser sends the session cookie with every request, also with one another site
 * makes it send: every write the session authenticates needs the CSRF token, which only the portal can read.
 * Services are down here; a request that got past the edge is answered 503 by the gateway.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "chorus.services.stories=${chorus.test.service-down}")
class CsrfIT {

    @Autowired
    ApplicationContext application;

    WebTestClient http;

    /** Bound to the application, not its port, so a mock login can stand for the session. */
    @BeforeEach
    void bindToTheApplication() {
        http = WebTestClient.bindToApplicationContext(application).apply(springSecurity()).configureClient().build();
    }

    /** Signed in as a browser is: the mock login stands for the session, the cookie for the browser sending it. */
    private WebTestClient moderator() {
        return http.mutate().defaultCookie("SESSION", "the-browser-sends-its-session").build().mutateWith(mockOidcLogin()
                .idToken(token -> token.claim("preferred_username", "moderator"))
                .authorities(new SimpleGrantedAuthority("ROLE_moderator")));
    }

    @Test
    void aCookieAuthenticatedWriteWithoutTheTokenIsA403Problem() {
        moderator().post().uri("/api/admin/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/publication")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail ->
                        org.assertj.core.api.Assertions.assertThat((String) detail).contains("X-XSRF-TOKEN"));
    }

    @Test
    void aWrongTokenIsRefusedToo() {
        moderator().post().uri("/api/admin/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/publication")
                .cookie("XSRF-TOKEN", "one-value").header("X-XSRF-TOKEN", "another-value")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aCookieAuthenticatedWriteWithThePortalsTokenPasses() {
        ResponseCookie token = moderator().get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");
        org.assertj.core.api.Assertions.assertThat(token).as("the portal's CSRF cookie").isNotNull();
        org.assertj.core.api.Assertions.assertThat(token.isHttpOnly()).as("readable by the portal's script").isFalse();

        moderator().post().uri("/api/admin/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/publication")
                .cookie("XSRF-TOKEN", token.getValue()).header("X-XSRF-TOKEN", token.getValue())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                // past the edge: the service is down
                .expectStatus().isEqualTo(503);
    }

    @Test
    void thePublicsAnonymousWritesNeedNoSessionAndNoToken() {
        http.post().uri("/api/stories").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"t\"}")
                .exchange().expectStatus().isEqualTo(503);
        http.post().uri("/api/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/reports")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isEqualTo(503);
        http.post().uri("/api/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void meTellsTheSignedInStaffMemberTheirNameAndRolesAndNoToken() {
        moderator().get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.name").isEqualTo("moderator")
                .jsonPath("$.roles[0]").isEqualTo("moderator")
                .jsonPath("$.roles.length()").isEqualTo(1)
                .jsonPath("$.token").doesNotExist();
    }

    @Test
    void aWriteWithNoSessionAndNoTokenIsUnauthenticatedNotACsrfMatter() {
        http.post().uri("/api/admin/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/publication")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signOutWithoutTheTokenIsRefused() {
        moderator().post().uri("/logout").exchange().expectStatus().isForbidden();
    }
}
