package org.chorus.resources;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import org.chorus.testsupport.InfrastructureInitializers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The skeleton of resources-service: it migrates its database, reports ready, and guards its staff paths. */
@SpringBootTest
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class})
class ResourcesServiceIT {

    @Autowired
    WebTestClient http;

    @Test
    void reportsReadyOnItsOwnMigratedDatabase() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void staffPathsNeedTheResourceEditorRole() {
        http.get().uri("/api/admin/resources/services").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri("/api/admin/resources/services").exchange()
                .expectStatus().isForbidden();
    }
}
