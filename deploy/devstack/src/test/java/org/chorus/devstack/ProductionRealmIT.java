package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import org.chorus.testsupport.ChorusHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The production realm template imported into the devstack's real Keycloak (under another name, with its
 * placeholders filled as an operator's environment would): Keycloak accepts it, it keeps the settings the template
 * states, no client hands out a token for a password, and a client's token names the Chorus API as its audience.
 */
class ProductionRealmIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REALM = "chorus-production-check";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "CHORUS_GATEWAY_CLIENT_SECRET", "gateway-" + System.nanoTime(),
            "CHORUS_NOTIFICATIONS_CLIENT_SECRET", "notifications-" + System.nanoTime(),
            "CHORUS_AUTOMATION_CLIENT_SECRET", "automation-" + System.nanoTime(),
            "CHORUS_PUBLIC_URL", "https://chorus.example.org",
            "CHORUS_SMTP_HOST", "smtp.example.org", "CHORUS_SMTP_PORT", "587",
            "CHORUS_MAIL_FROM", "no-reply@chorus.example.org",
            "CHORUS_SMTP_USER", "chorus", "CHORUS_SMTP_PASSWORD", "smtp-" + System.nanoTime());

    private static String keycloak;

    @BeforeAll
    static void importTheTemplate() throws Exception {
        keycloak = SharedDevstack.get().keycloak().url();
        String template = Files.readString(ChorusHome.root().resolve("deploy/keycloak/chorus-realm-production.json"));
        for (Map.Entry<String, String> variable : ENVIRONMENT.entrySet()) {
            template = template.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        assertThat(template).as("every placeholder has a value here").doesNotContain("${");
        ObjectNode realm = (ObjectNode) JSON.readTree(template);
        realm.put("realm", REALM);
        delete();
        HttpResponse<String> created = send(admin("/admin/realms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(realm))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void delete() throws Exception {
        send(admin("/admin/realms/" + REALM).DELETE());
    }

    @Test
    void keycloakKeepsTheSecuritySettingsOfTheTemplate() throws Exception {
        JsonNode realm = JSON.readTree(send(admin("/admin/realms/" + REALM).GET()).body());
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("passwordPolicy").asString()).contains("length(12)");
        assertThat(realm.path("ssoSessionMaxLifespan").asInt()).isEqualTo(28800);
        assertThat(realm.path("registrationAllowed").asBoolean()).isFalse();
        JsonNode totp = JSON.readTree(send(admin("/admin/realms/" + REALM
                + "/authentication/required-actions/CONFIGURE_TOTP").GET()).body());
        assertThat(totp.path("defaultAction").asBoolean()).as("new staff set up OTP at first sign-in").isTrue();
        JsonNode people = JSON.readTree(send(admin("/admin/realms/" + REALM + "/users?briefRepresentation=true").GET()).body());
        assertThat(people.size()).as("no person, only service accounts (which the users list leaves out)").isZero();
    }

    @Test
    void noClientGivesATokenForAPassword() throws Exception {
        for (String client : new String[] {"chorus-gateway", "chorus-automation", "chorus-notifications", "chorus-dev-cli"}) {
            HttpResponse<String> answer = token("grant_type=password&client_id=" + client
                    + "&username=admin&password=admin");
            assertThat(answer.statusCode()).as("%s: %s", client, answer.body()).isIn(400, 401);
        }
    }

    @Test
    void theAutomationClientsTokenIsForTheChorusApi() throws Exception {
        HttpResponse<String> answer = token("grant_type=client_credentials&client_id=chorus-automation&client_secret="
                + ENVIRONMENT.get("CHORUS_AUTOMATION_CLIENT_SECRET"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String accessToken = JSON.readTree(answer.body()).get("access_token").asString();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        assertThat(claims.path("aud").toString()).contains("chorus-api");
        assertThat(claims.path("azp").asString()).isEqualTo("chorus-automation");
        assertThat(claims.path("realm_access").path("roles").toString()).contains("resource-editor");
    }

    private static HttpResponse<String> token(String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    private static HttpRequest.Builder admin(String path) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(keycloak
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin")));
        assertThat(answer.statusCode()).as("master admin token: %s", answer.body()).isEqualTo(200);
        return HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Authorization", "Bearer " + JSON.readTree(answer.body()).get("access_token").asString());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
