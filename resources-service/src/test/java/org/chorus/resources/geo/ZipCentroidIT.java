package org.chorus.resources.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Staff entering a location get the ZIP's centre to fill its coordinates; nobody else may ask. */
@ResourcesIntegrationTest
class ZipCentroidIT {

    private static final SimpleGrantedAuthority RESOURCE_EDITOR = new SimpleGrantedAuthority("ROLE_resource-editor");

    @Autowired
    WebTestClient http;

    @Autowired
    ZipCentroids zips;

    private WebTestClient editor() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }

    @Test
    void aResourceEditorGetsTheCentreOfAZipAndOfAZipPlusFour() {
        Coordinates chelsea = zips.locate("10001").orElseThrow();

        editor().get().uri("/api/admin/resources/zip-centroids/{zip}", "10001").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.zip").isEqualTo("10001")
                .jsonPath("$.latitude").isEqualTo(chelsea.latitude())
                .jsonPath("$.longitude").isEqualTo(chelsea.longitude());
        editor().get().uri("/api/admin/resources/zip-centroids/{zip}", "10001-1234").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.zip").isEqualTo("10001");
    }

    @Test
    void aZipWithoutACentreIsNotFound() {
        editor().get().uri("/api/admin/resources/zip-centroids/{zip}", "00000").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "abcde", "10001' or '1'='1", "<script>", "１０００１", "100011234"})
    void whatIsNotAZipIsRefusedNamingTheField(String zip) {
        editor().get().uri("/api/admin/resources/zip-centroids/{zip}", zip).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("zip");
    }

    @Test
    void thePublicAndOtherStaffCannotAsk() {
        http.get().uri("/api/admin/resources/zip-centroids/10001").exchange().expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri("/api/admin/resources/zip-centroids/10001").exchange().expectStatus().isForbidden();
    }
}
