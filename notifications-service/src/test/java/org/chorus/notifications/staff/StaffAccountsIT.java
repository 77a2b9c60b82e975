package org.chorus.notifications.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.chorus.testsupport.DevUsers;
import org.chorus.testsupport.Infrastructure;
import org.chorus.testsupport.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Staff accounts against the real Keycloak, with real tokens of the realm's dev users. */
@NotificationsIntegrationTest
class StaffAccountsIT {

    private static final KeycloakServer KEYCLOAK = Infrastructure.keycloak();

    @Autowired
    WebTestClient web;

    @BeforeEach
    void patientWithKeycloak() {
        // Keycloak's admin API (and the invitation mail it sends) can take longer than WebTestClient's 5 s on a busy
        // machine; a timeout here says nothing about the service
        web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    @BeforeAll
    static void keycloakMailsThroughTheTestSmtpServer() {
        // the realm file points Keycloak at the devstack's SMTP port; the test JVM's GreenMail has its own
        try (Keycloak master = Keycloak.getInstance(KEYCLOAK.url(), "master", "admin", "admin", "admin-cli")) {
            RealmRepresentation realm = master.realm(KeycloakServer.REALM).toRepresentation();
            realm.setSmtpServer(Map.of("host", Infrastructure.smtp().host(),
                    "port", String.valueOf(Infrastructure.smtp().port()), "from", "no-reply@chorus.invalid"));
            master.realm(KeycloakServer.REALM).update(realm);
        }
    }

    @Test
    void adminSeesEveryStaffMemberWithTheirRoles() {
        List<StaffMember> staff = get("/api/admin/staff", "admin")
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<StaffMember>>() {
                })
                .returnResult().getResponseBody();

        assertThat(staff).extracting(StaffMember::username).contains("moderator", "editor", "campaigns", "admin")
                .doesNotContain("service-account-chorus-notifications", "service-account-chorus-automation");
        assertThat(staff).filteredOn(member -> member.username().equals("editor"))
                .singleElement().satisfies(editor -> assertThat(editor.roles()).containsExactly("resource-editor"));
    }

    @Test
    void invitedStaffMemberExistsWithTheirRolesAndGetsKeycloaksSetPasswordMail() {
        String username = "invitee-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@staff.chorus.invalid";

        Invited invited = post("/api/admin/staff", "admin", Map.of("username", username, "email", email,
                "firstName", "Noor", "lastName", "Al-Hassan", "roles", List.of("moderator", "campaign-manager")))
                .expectStatus().isCreated()
                .expectBody(Invited.class).returnResult().getResponseBody();

        assertThat(invited.invitationSent()).isTrue();
        assertThat(invited.member().roles()).containsExactlyInAnyOrder("moderator", "campaign-manager");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !Infrastructure.smtp().receivedBy(email).isEmpty());
        get("/api/admin/staff/" + invited.member().id(), "admin").expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(username).jsonPath("$.enabled").isEqualTo(true);
    }

    @Test
    void invitingAnExistingUsernameIsAConflictAndChangesNothing() {
        post("/api/admin/staff", "admin", Map.of("username", "moderator", "email", "someone-else@chorus.invalid",
                "roles", List.of("admin")))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(staffMember("moderator").roles()).containsExactly("moderator");
    }

    @Test
    void rolesCanBeChangedAndAccountsDisabledAndEnabledAgain() {
        String username = "rotating-" + UUID.randomUUID().toString().substring(0, 8);
        String id = post("/api/admin/staff", "admin", Map.of("username", username,
                "email", username + "@staff.chorus.invalid", "roles", List.of("moderator")))
                .expectStatus().isCreated()
                .expectBody(Invited.class).returnResult().getResponseBody().member().id();

        put("/api/admin/staff/" + id + "/roles", "admin", Map.of("roles", List.of("resource-editor")))
                .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("resource-editor");
        post("/api/admin/staff/" + id + "/disable", "admin", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.enabled").isEqualTo(false);

        StaffMember disabled = staffMember(username);
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.roles()).containsExactly("resource-editor");

        post("/api/admin/staff/" + id + "/enable", "admin", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.enabled").isEqualTo(true);
    }

    @Test
    void anAdminCannotRemoveTheirOwnAdminRoleNorDisableThemselves() {
        String self = staffMember("admin").id();

        put("/api/admin/staff/" + self + "/roles", "admin", Map.of("roles", List.of("moderator")))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("own admin"));
        post("/api/admin/staff/" + self + "/disable", "admin", Map.of())
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);

        StaffMember after = staffMember("admin");
        assertThat(after.enabled()).isTrue();
        assertThat(after.roles()).contains("admin");
    }

    @Test
    void serviceAccountsAndUnknownIdsAreNotStaff() {
        get("/api/admin/staff/" + UUID.randomUUID(), "admin").expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        get("/api/admin/staff/not-an-id'--", "admin").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void onlyAdminsManageStaff() {
        for (String user : List.of("moderator", "editor", "campaigns")) {
            get("/api/admin/staff", user).expectStatus().isForbidden();
        }
        web.get().uri("/api/admin/staff").exchange().expectStatus().isUnauthorized();
    }

    private StaffMember staffMember(String username) {
        return get("/api/admin/staff", "admin")
                .expectBody(new ParameterizedTypeReference<List<StaffMember>>() {
                })
                .returnResult().getResponseBody().stream()
                .filter(member -> member.username().equals(username)).findFirst().orElseThrow();
    }

    private WebTestClient.ResponseSpec get(String path, String user) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, String user, Object body) {
        return web.post().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec put(String path, String user, Object body) {
        return web.put().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String bearer(String user) {
        return "Bearer " + DevUsers.accessToken(KEYCLOAK, user);
    }
}
