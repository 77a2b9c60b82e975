package org.chorus.notifications.staff;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Hostile input to the staff API is refused, naming the field, before anything reaches Keycloak. */
@NotificationsIntegrationTest
class StaffInputIT {

    private static final String SELF = "5a4e4a8e-2f0b-4c55-9d1a-6b0f9f8f1c11";

    @Autowired
    WebTestClient web;

    static Stream<Arguments> hostileInvitations() {
        Map<String, Object> valid = Map.of("username", "newbie", "email", "newbie@chorus.invalid",
                "roles", List.of("moderator"));
        return Stream.of(
                Arguments.of(without(valid, "username"), "username"),
                Arguments.of(with(valid, "username", ""), "username"),
                Arguments.of(with(valid, "username", "x".repeat(10_000)), "username"),
                Arguments.of(with(valid, "username", "<script>alert(1)</script>"), "username"),
                Arguments.of(with(valid, "username", "admin'; drop table users; --"), "username"),
                Arguments.of(with(valid, "username", "ådmïn"), "username"),
                Arguments.of(with(valid, "username", Map.of("name", "x")), "username"),
                Arguments.of(without(valid, "email"), "email"),
                Arguments.of(with(valid, "email", "not-an-address"), "email"),
                Arguments.of(with(valid, "email", "a@b.c\r\nBcc: everyone@example.org"), "email"),
                Arguments.of(with(valid, "email", "a".repeat(300) + "@example.org"), "email"),
                Arguments.of(with(valid, "firstName", "<img src=x onerror=alert(1)>"), "firstName"),
                Arguments.of(with(valid, "lastName", "x".repeat(101)), "lastName"),
                Arguments.of(with(valid, "roles", List.of()), "roles"),
                Arguments.of(with(valid, "roles", List.of("superuser")), "roles[0]"),
                Arguments.of(with(valid, "roles", List.of("realm-admin")), "roles[0]"),
                Arguments.of(with(valid, "roles", "moderator"), "roles"),
                Arguments.of(without(valid, "roles"), "roles"));
    }

    @ParameterizedTest
    @MethodSource("hostileInvitations")
    void hostileInvitationIsABadRequestNamingTheField(Map<String, Object> body, String field) {
        asAdmin().post().uri("/api/admin/staff").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void unicodeNamesAreWelcome() {
        // reaches Keycloak only if valid; here the roles are wrong on purpose so nothing is created
        asAdmin().post().uri("/api/admin/staff").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "noor", "email", "noor@chorus.invalid", "firstName", "Núria O'Brien-Łukasz",
                        "lastName", "José María", "roles", List.of("nobody")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("roles[0]");
    }

    @Test
    void malformedJsonAndWrongContentTypeAreProblems() {
        asAdmin().post().uri("/api/admin/staff").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        asAdmin().post().uri("/api/admin/staff").contentType(MediaType.TEXT_PLAIN).bodyValue("username=x")
                .exchange().expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void roleChangesAreCheckedBeforeKeycloakIsAsked() {
        asAdmin().put().uri("/api/admin/staff/" + SELF + "/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of("moderator", "god"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("roles[1]");
        asAdmin().put().uri("/api/admin/staff/" + SELF + "/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of())).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        asAdmin().post().uri("/api/admin/staff/" + SELF + "/disable").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    private WebTestClient asAdmin() {
        return web.mutateWith(mockJwt().jwt(jwt -> jwt.subject(SELF))
                .authorities(new SimpleGrantedAuthority("ROLE_admin")));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.remove(key);
        return copy;
    }
}
