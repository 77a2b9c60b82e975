package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.chorus.testsupport.ChorusHome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production realm template holds what a real deployment must have and nothing a development realm may have:
 * read as a file, so a careless edit fails here before it reaches an operator. {@link ProductionRealmIT} shows
 * that Keycloak itself accepts it.
 */
class ProductionRealmTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode PRODUCTION = read("chorus-realm-production.json");
    private static final JsonNode DEVELOPMENT = read("chorus-realm.json");
    private static final long EIGHT_HOURS = 8 * 3600;

    @Test
    void holdsNoPersonButTheServiceAccounts() {
        for (JsonNode user : PRODUCTION.path("users")) {
            assertThat(user.path("serviceAccountClientId").asString(""))
                    .as("user %s is a service account", user.path("username")).isNotEmpty();
            assertThat(user.has("credentials")).as("user %s has no credentials", user.path("username")).isFalse();
        }
    }

    @Test
    void noClientCanTakeAPasswordOrHideItsSecret() {
        for (JsonNode client : PRODUCTION.path("clients")) {
            String id = client.path("clientId").asString();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(false)).as("%s password grant", id).isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(false)).as("%s implicit flow", id).isFalse();
            assertThat(client.path("publicClient").asBoolean(false)).as("%s is confidential", id).isFalse();
            assertThat(client.path("secret").asString()).as("%s secret comes from the environment", id)
                    .matches("\\$\\{CHORUS_[A-Z_]+}");
        }
        assertThat(clientIds(PRODUCTION)).doesNotContain("chorus-dev-cli");
    }

    @Test
    void redirectsOnlyToTheConfiguredPublicAddress() {
        JsonNode gateway = client(PRODUCTION, "chorus-gateway");
        assertThat(texts(gateway.path("redirectUris"))).allMatch(uri -> uri.startsWith("${CHORUS_PUBLIC_URL}/"));
        assertThat(gateway.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
    }

    @Test
    void requiresOneTimePasswordsAStrongPasswordAndLocksOutGuessing() {
        JsonNode totp = StreamSupport.stream(PRODUCTION.path("requiredActions").spliterator(), false)
                .filter(action -> action.path("alias").asString().equals("CONFIGURE_TOTP")).findFirst().orElseThrow();
        assertThat(totp.path("enabled").asBoolean()).isTrue();
        assertThat(totp.path("defaultAction").asBoolean()).as("every new staff account sets up OTP").isTrue();
        assertThat(PRODUCTION.path("passwordPolicy").asString()).contains("length(12)", "notUsername", "notEmail");
        assertThat(PRODUCTION.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(PRODUCTION.path("failureFactor").asInt()).isBetween(3, 10);
        assertThat(PRODUCTION.path("registrationAllowed").asBoolean(true)).isFalse();
    }

    @Test
    void noSessionOutlivesAWorkingDay() {
        assertThat(PRODUCTION.path("ssoSessionMaxLifespan").asLong()).isPositive().isLessThanOrEqualTo(EIGHT_HOURS);
        assertThat(PRODUCTION.path("ssoSessionIdleTimeout").asLong()).isPositive().isLessThanOrEqualTo(EIGHT_HOURS);
        assertThat(PRODUCTION.path("offlineSessionMaxLifespanEnabled").asBoolean()).isTrue();
        assertThat(PRODUCTION.path("offlineSessionMaxLifespan").asLong()).isPositive().isLessThanOrEqualTo(EIGHT_HOURS);
        assertThat(PRODUCTION.path("accessTokenLifespan").asLong()).isPositive().isLessThanOrEqualTo(600);
        assertThat(PRODUCTION.path("revokeRefreshToken").asBoolean()).isTrue();
    }

    @Test
    void keepsTheRolesAndClientsOfTheDevelopmentRealmInStep() {
        assertThat(PRODUCTION.path("realm").asString()).isEqualTo(DEVELOPMENT.path("realm").asString());
        assertThat(PRODUCTION.path("roles")).isEqualTo(DEVELOPMENT.path("roles"));
        Set<String> development = new java.util.HashSet<>(clientIds(DEVELOPMENT));
        development.remove("chorus-dev-cli");
        assertThat(clientIds(PRODUCTION)).containsExactlyInAnyOrderElementsOf(development);
        for (String id : List.of("chorus-gateway", "chorus-automation")) {
            assertThat(client(PRODUCTION, id).path("protocolMappers").toString()).as("%s tokens name the API", id)
                    .contains("\"included.custom.audience\":\"chorus-api\"");
        }
    }

    private static JsonNode read(String file) {
        Path realm = ChorusHome.root().resolve("deploy/keycloak").resolve(file);
        return JSON.readTree(realm.toFile());
    }

    private static List<String> clientIds(JsonNode realm) {
        return StreamSupport.stream(realm.path("clients").spliterator(), false)
                .map(client -> client.path("clientId").asString()).toList();
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        return StreamSupport.stream(realm.path("clients").spliterator(), false)
                .filter(client -> client.path("clientId").asString().equals(clientId)).findFirst().orElseThrow();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
