package org.chorus.notifications.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.notifications.HostileInput.UNSTORABLE;
import static org.chorus.notifications.HostileInput.refusedNaming;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.notifications.NotificationsIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The hostile-input corpus of the public writes sent to every staff-account write, against the real Keycloak: NUL,
 * unpaired surrogates, wrong JSON types, nulls inside lists and objects, empty and over-long values, markup, SQL, and
 * names, usernames and addresses Keycloak itself refuses (which were 500s). Each answer is a 400 problem naming the
 * field, and nothing is half-done: no account created, the existing one's roles and state unchanged.
 */
@NotificationsIntegrationTest
class StaffWriteHostileInputIT {

    private static final String SELF = "5a4e4a8e-2f0b-4c55-9d1a-6b0f9f8f1c11";
    private static final String STAFF = "/api/admin/staff";

    @Autowired
    WebTestClient web;

    @Autowired
    Keycloak keycloak;

    @Autowired
    KeycloakAdminProperties keycloakProperties;

    WebTestClient admin;
    String existing;

    @BeforeEach
    void anExistingStaffMember() {
        // Keycloak's admin API (and the invitation mail it sends) can take longer than WebTestClient's 5 s on a busy machine
        admin = web.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .mutateWith(mockJwt().jwt(jwt -> jwt.subject(SELF)).authorities(new SimpleGrantedAuthority("ROLE_admin")));
        String username = "steady-" + UUID.randomUUID().toString().substring(0, 8);
        existing = admin.post().uri(STAFF).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(invitation("\"" + username + "\"", "\"" + username + "@staff.chorus.invalid\"", "\"Steady\"",
                        "[\"moderator\"]"))
                .exchange().expectStatus().isCreated()
                .expectBody(Invited.class).returnResult().getResponseBody().member().id();
    }

    @Test
    void hostileUsernamesAreNamedAndNoAccountIsCreated() {
        List<String> usernames = new ArrayList<>();
        UNSTORABLE.forEach(value -> usernames.add("\"user" + value + "\""));
        usernames.addAll(List.of("\"\"", "null", "42", "true", "[\"someone\"]", "{\"name\":\"someone\"}",
                // Keycloak's own rules: at least 3 characters; service-account- names are reserved for clients
                "\"ab\"", "\"service-account-chorus-gateway\"", "\"service-account-x" + random() + "\"",
                "\"" + "x".repeat(10_000) + "\"", "\"<script>alert(1)</script>\"", "\"admin'; drop table users; --\"",
                "\"ådmïn\"", "\"user name\""));
        for (String username : usernames) {
            inviteRefused(invitation(username, "\"hostile-" + random() + "@staff.chorus.invalid\"", "null",
                    "[\"moderator\"]"), "username");
        }
    }

    @Test
    void hostileAddressesAreNamedAndNoAccountIsCreated() {
        List<String> emails = new ArrayList<>();
        UNSTORABLE.forEach(value -> emails.add("\"st" + value + "aff@example.org\""));
        emails.addAll(List.of("\"\"", "null", "42", "[\"a@example.org\"]", "{\"to\":\"a@example.org\"}",
                // addresses Keycloak refuses although they look close enough
                "\"a..b@example.org\"", "\".ab@example.org\"", "\"ab.@example.org\"", "\"ab@example..org\"",
                "\"ab@-example.org\"", "\"a(b)@example.org\"", "\"a,b@example.org\"", "\"a;b@example.org\"",
                "\"a\\\\b@example.org\"", "\"ñandú@example.org\"", "\"ab@example.o\"",
                "\"" + "a".repeat(65) + "@example.org\"", "\"a@" + "b".repeat(250) + ".org\"",
                "\"a@example.org\\r\\nBcc: all@example.org\"", "\"<script>@example.org\""));
        for (String email : emails) {
            inviteRefused(invitation("\"hostile-" + random() + "\"", email, "null", "[\"moderator\"]"), "email");
        }
    }

    @Test
    void hostileNamesAreNamedAndNoAccountIsCreated() {
        List<String> names = new ArrayList<>();
        UNSTORABLE.forEach(value -> names.add("\"Na" + value + "me\""));
        names.addAll(List.of("\"\"", "42", "false", "[\"Noor\"]", "{\"given\":\"Noor\"}", "\"" + "x".repeat(101) + "\"",
                "\"<img src=x onerror=alert(1)>\"", "\"Robert'); drop table users; --\"", "\"Noor\\tAli\""));
        for (String name : names) {
            String username = "hostile-" + random();
            inviteRefused(invitation("\"" + username + "\"", "\"" + username + "@staff.chorus.invalid\"", name, "[\"moderator\"]"),
                    "firstName");
        }
    }

    @Test
    void hostileRoleListsAreNamedOnInviteAndOnRoleChange() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("null", "roles");
        cases.put("\"moderator\"", "roles");
        cases.put("{\"moderator\":true}", "roles");
        cases.put("42", "roles");
        cases.put("[null]", "roles[0]");
        cases.put("[42]", "roles[0]");
        cases.put("[\"moderator\",null]", "roles[1]");
        cases.put("[\"moderator\",\"realm-admin\"]", "roles[1]");
        cases.put("[\"admin\\u0000\"]", "roles[0]");
        cases.put("[\"\\ud800\"]", "roles[0]");
        cases.put("[\"" + "x".repeat(10_000) + "\"]", "roles[0]");
        cases.forEach((roles, field) -> {
            String username = "hostile-" + random();
            inviteRefused(invitation("\"" + username + "\"", "\"" + username + "@staff.chorus.invalid\"", "null", roles),
                    field);
            refusedNaming(admin.put().uri(STAFF + "/{id}/roles", existing).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"roles\":" + roles + "}"), field);
            assertExistingUnchanged();
        });
        inviteRefused(invitation("\"hostile-" + random() + "\"", "\"h-" + random() + "@staff.chorus.invalid\"", "null", "[]"),
                "roles");
    }

    @Test
    void emptyOrMisshapenBodiesAreProblemsNamingTheFirstField() {
        refusedNaming(admin.post().uri(STAFF).contentType(MediaType.APPLICATION_JSON).bodyValue("null"), "username");
        refusedNaming(admin.post().uri(STAFF).contentType(MediaType.APPLICATION_JSON).bodyValue("{}"), "username");
        refusedNaming(admin.put().uri(STAFF + "/{id}/roles", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("null"), "roles");
        refusedNaming(admin.put().uri(STAFF + "/{id}/roles", existing).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}"), "roles");
        // a list inside the list of roles: Jackson reports no path for it, so the problem names no field (platform/web)
        String nested = "{\"username\":\"hostile-" + random() + "\",\"email\":\"h-" + random()
                + "@staff.chorus.invalid\",\"roles\":[[\"moderator\"]]}";
        for (String body : List.of("[]", "\"staff\"", "42", "{\"username\":", nested)) {
            admin.post().uri(STAFF).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertExistingUnchanged();
    }

    @Test
    void aMalformedIdInThePathIsNamedOnEveryWrite() {
        for (String id : List.of("not-an-id", "' or 1=1 --", "<b>", UUID.randomUUID().toString().toUpperCase() + "x")) {
            refusedNaming(admin.put().uri(STAFF + "/" + id + "/roles").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"roles\":[\"moderator\"]}"), "id");
            refusedNaming(admin.post().uri(STAFF + "/" + id + "/disable"), "id");
            refusedNaming(admin.post().uri(STAFF + "/" + id + "/enable"), "id");
            refusedNaming(admin.post().uri(STAFF + "/" + id + "/invitation"), "id");
        }
        // an encoded NUL never reaches the service: Spring Security's firewall refuses the path first
        admin.post().uri(STAFF + "/%00/disable").exchange().expectStatus().isBadRequest();
        assertExistingUnchanged();
    }

    @Test
    void unicodeNamesAndPunctuationKeycloakAcceptsAreKeptAsTyped() {
        String username = "noor.o_brien-" + random();
        admin.post().uri(STAFF).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(invitation("\"" + username + "\"", "\"" + username + "+staff@staff.chorus.invalid\"",
                        "\"Núria O'Brien-Łukasz\"", "[\"moderator\",\"moderator\",\"campaign-manager\"]"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.member.firstName").isEqualTo("Núria O'Brien-Łukasz")
                .jsonPath("$.member.roles.length()").isEqualTo(2);
    }

    private void inviteRefused(String body, String field) {
        refusedNaming(admin.post().uri(STAFF).contentType(MediaType.APPLICATION_JSON).bodyValue(body), field);
        String username = usernameIn(body);
        if (username != null) {
            assertThat(keycloak.realm(keycloakProperties.realm()).users().search(username, true))
                    .as("no account %s", username).isEmpty();
        }
    }

    private void assertExistingUnchanged() {
        UserRepresentation user = keycloak.realm(keycloakProperties.realm()).users().get(existing).toRepresentation();
        assertThat(user.isEnabled()).isTrue();
        assertThat(keycloak.realm(keycloakProperties.realm()).users().get(existing).roles().realmLevel().listAll())
                .extracting(role -> role.getName()).filteredOn(StaffDirectory.STAFF_ROLES::contains)
                .containsExactly("moderator");
    }

    /** Every value raw JSON, written as given: {@code "\"text\""}, {@code 42}, {@code null}. */
    private static String invitation(String username, String email, String firstName, String roles) {
        return "{\"username\":" + username + ",\"email\":" + email + ",\"firstName\":" + firstName + ",\"roles\":" + roles
                + "}";
    }

    /** The username of an invitation when it is plain enough to look up afterwards, or null. */
    private static String usernameIn(String body) {
        Matcher plain = Pattern.compile("\"username\":\"([a-z0-9._-]{3,64})\"")
                .matcher(body);
        return plain.find() ? plain.group(1) : null;
    }

    private static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
