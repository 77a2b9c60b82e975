package org.chorus.stories.moderation;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import org.chorus.stories.StoriesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

@StoriesIntegrationTest
class ModerationQueueSecurityIT {

    @Autowired
    WebTestClient http;

    @Test
    void queueWithoutATokenIsUnauthorizedAsProblem() {
        http.get().uri("/api/admin/stories").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resource-editor", "campaign-manager"})
    void queueIsForbiddenToStaffWithoutTheModeratorRole(String role) {
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_" + role)))
                .get().uri("/api/admin/stories").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void queueIsOpenToModerators() {
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri("/api/admin/stories").exchange()
                .expectStatus().isOk();
    }

    @Test
    void unknownStatusInTheQueueFilterIsABadRequest() {
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri("/api/admin/stories?status=DROP%20TABLE").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void pathsNotListedAreClosed() {
        http.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthProbesAreOpenForThePlatform() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
