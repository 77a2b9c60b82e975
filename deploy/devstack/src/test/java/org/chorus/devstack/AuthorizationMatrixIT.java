package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chorus.testsupport.DevUsers;
import org.chorus.testsupport.KeycloakServer;
import org.chorus.testsupport.ProofOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every staff route through the real gateway and the real services, with real Keycloak tokens: no token, an
 * expired one, one from another issuer, one with {@code alg: none}, one the realm issued to another of its clients
 * (refused by the gateway and by the service itself), and each staff role. The gateway turns away
 * anything that is not a valid token of the realm; each service then checks the specific role.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ID = UUID.randomUUID().toString();
    /** Who holds which role directly; {@code admin} is composite of all four. */
    private static final Map<String, String> USERS = Map.of("moderator", "moderator", "editor", "resource-editor",
            "campaigns", "campaign-manager", "admin", "admin");

    private static Devstack devstack;
    private static String expiredToken;
    private static Instant expiredAt;

    /** A staff route, the role it needs, and a request that role may make (bodies are harmless or invalid). */
    record Route(String method, String path, String role, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("GET", "/api/admin/stories", "moderator", null),
                new Route("GET", "/api/admin/stories/" + ID, "moderator", null),
                new Route("POST", "/api/admin/stories/" + ID + "/publication", "moderator", "{\"version\":0}"),
                new Route("POST", "/api/admin/stories/" + ID + "/rejection", "moderator", "{\"version\":0,\"reason\":\"x\"}"),
                new Route("POST", "/api/admin/stories/" + ID + "/revision/approval", "moderator", "{\"version\":0}"),
                new Route("POST", "/api/admin/stories/" + ID + "/revision/rejection", "moderator", "{\"version\":0,\"reason\":\"x\"}"),
                new Route("PUT", "/api/admin/stories/" + ID + "/featured", "moderator", "{\"featured\":true}"),
                new Route("POST", "/api/admin/stories/" + ID + "/reports/resolution", "moderator", null),
                // invalid skip list: the moderator's answer is a 400, so the matrix claims no story of the other tests
                new Route("POST", "/api/admin/stories/claims", "moderator", "{\"skip\":[\"x\"]}"),
                new Route("PUT", "/api/admin/stories/" + ID + "/claim", "moderator", null),
                new Route("DELETE", "/api/admin/stories/" + ID + "/claim", "moderator", null),
                new Route("POST", "/api/admin/stories/" + ID + "/flag", "moderator", "{\"reason\":\"SPAM\"}"),
                new Route("POST", "/api/admin/stories/bulk-rejection", "moderator", "{\"reason\":\"x\",\"stories\":[]}"),
                new Route("GET", "/api/admin/stories/queue-stats", "moderator", null),
                new Route("POST", "/api/admin/stories/" + ID + "/help-offer", "moderator", null),
                new Route("GET", "/api/admin/stories/audit", "admin", null),
                new Route("GET", "/api/admin/resources/services", "resource-editor", null),
                new Route("GET", "/api/admin/resources/zip-centroids/10001", "resource-editor", null),
                new Route("GET", "/api/admin/resources/services/" + ID, "resource-editor", null),
                new Route("POST", "/api/admin/resources/services", "resource-editor", "{}"),
                new Route("PUT", "/api/admin/resources/services/" + ID, "resource-editor", "{}"),
                new Route("POST", "/api/admin/resources/services/" + ID + "/close", "resource-editor", null),
                new Route("POST", "/api/admin/resources/services/" + ID + "/reopen", "resource-editor", null),
                new Route("POST", "/api/admin/resources/services/" + ID + "/verified", "resource-editor", null),
                new Route("POST", "/api/admin/resources/services/" + ID + "/temporarily-closed", "resource-editor", null),
                new Route("GET", "/api/admin/resources/export/csv", "resource-editor", null),
                new Route("GET", "/api/admin/resources/export", "resource-editor", null),
                new Route("POST", "/api/admin/resources/import", "resource-editor", "{}"),
                new Route("GET", "/api/admin/resources/hsds/export", "resource-editor", null),
                new Route("GET", "/api/admin/resources/hsds/export/csv", "resource-editor", null),
                new Route("POST", "/api/admin/resources/hsds/import", "resource-editor", "{}"),
                new Route("GET", "/api/admin/campaigns", "campaign-manager", null),
                new Route("POST", "/api/admin/campaigns", "campaign-manager", "{}"),
                new Route("GET", "/api/admin/campaigns/" + ID, "campaign-manager", null),
                new Route("PUT", "/api/admin/campaigns/" + ID, "campaign-manager", "{}"),
                new Route("POST", "/api/admin/campaigns/preview", "campaign-manager", "{}"),
                new Route("GET", "/api/admin/campaigns/" + ID + "/preview", "campaign-manager", null),
                new Route("POST", "/api/admin/campaigns/" + ID + "/test-send", "campaign-manager", "{}"),
                new Route("POST", "/api/admin/campaigns/" + ID + "/schedule", "campaign-manager", "{}"),
                new Route("POST", "/api/admin/campaigns/" + ID + "/send-now", "campaign-manager", null),
                new Route("POST", "/api/admin/campaigns/" + ID + "/pause", "campaign-manager", null),
                new Route("POST", "/api/admin/campaigns/" + ID + "/resume", "campaign-manager", null),
                new Route("POST", "/api/admin/campaigns/" + ID + "/cancel", "campaign-manager", null),
                new Route("GET", "/api/admin/campaigns/" + ID + "/progress", "campaign-manager", null),
                new Route("GET", "/api/admin/campaigns/" + ID + "/missed", "campaign-manager", null),
                new Route("GET", "/api/admin/staff", "admin", null),
                new Route("GET", "/api/admin/staff/" + ID, "admin", null),
                new Route("POST", "/api/admin/staff", "admin", "{}"),
                new Route("POST", "/api/admin/staff/" + ID + "/invitation", "admin", null),
                new Route("PUT", "/api/admin/staff/" + ID + "/roles", "admin", "{\"roles\":[\"moderator\"]}"),
                new Route("POST", "/api/admin/staff/" + ID + "/disable", "admin", null),
                new Route("POST", "/api/admin/staff/" + ID + "/enable", "admin", null));
    }

    static Stream<Arguments> routesAndUsers() {
        return routes().stream().flatMap(route -> USERS.keySet().stream().sorted().map(user -> Arguments.of(route, user)));
    }

    @BeforeAll
    static void platformAndAnExpiringToken() throws Exception {
        devstack = SharedDevstack.get();
        KeycloakServer keycloak = devstack.keycloak();
        // a real token of the realm that lives one second: the dev client's lifespan is lowered just for it
        Map<String, String> before = clientAttributes("chorus", "chorus-dev-cli");
        setClientAttribute("chorus", "chorus-dev-cli", "access.token.lifespan", "1");
        try {
            expiredToken = DevUsers.accessToken(keycloak, "admin");
        } finally {
            setClientAttribute("chorus", "chorus-dev-cli", "access.token.lifespan",
                    before.getOrDefault("access.token.lifespan", ""));
        }
        expiredAt = Instant.ofEpochSecond(claims(expiredToken).get("exp").asLong());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("routesAndUsers")
    @Order(1)
    void eachStaffRoleGetsExactlyTheRoutesOfItsRole(Route route, String user) throws Exception {
        int status = send(route, "Bearer " + token(user));

        boolean allowed = user.equals("admin") || USERS.get(user).equals(route.role());
        if (allowed) {
            assertThat(status).as("%s may %s", user, route).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).as("%s may not %s", user, route).isEqualTo(403);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @Order(2)
    void noTokenAForgedOneAnUnsignedOneOrOneFromAnotherIssuerAreTurnedAwayAtTheGateway(Route route) throws Exception {
        String valid = token("admin");
        String[] parts = valid.split("\\.");
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(send(route, null)).as("no token").isEqualTo(401);
        assertThat(send(route, "Bearer " + unsigned)).as("alg none").isEqualTo(401);
        assertThat(send(route, "Bearer " + forged)).as("bad signature").isEqualTo(401);
        assertThat(send(route, "Bearer " + otherIssuersToken())).as("another issuer").isEqualTo(401);
        assertThat(send(route, "Basic YWRtaW46YWRtaW4=")).as("basic auth").isEqualTo(401);
    }

    /**
     * The notifications service account's token is a real token of the realm (issuer, signature, not expired) but
     * issued to another client and not for the API: the gateway and, asked directly, the service itself refuse it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    @Order(2)
    void aTokenTheRealmIssuedToAnotherClientIsTurnedAwayAtTheGatewayAndAtTheService(Route route) throws Exception {
        String foreign = "Bearer " + FOREIGN_CLIENT.token();

        assertThat(send(route, foreign)).as("at the gateway").isEqualTo(401);
        assertThat(send(serviceUrl(route), route, foreign)).as("at the service").isEqualTo(401);
    }

    @Test
    @Order(3)
    void anExpiredTokenOfTheRealmIsTurnedAwayOnEveryRoute() throws Exception {
        // resource servers allow 60 s of clock skew; wait that out once for the whole class
        await().atMost(Duration.ofSeconds(90)).until(() -> Instant.now().isAfter(expiredAt.plusSeconds(61)));
        for (Route route : routes()) {
            assertThat(send(route, "Bearer " + expiredToken)).as("%s with an expired token", route).isEqualTo(401);
        }
    }

    @Test
    @Order(4)
    void publicWritesNeedNoTokenAndAreValidatedNotRefused() throws Exception {
        // with the proof-of-work solved, as the site does: the service's own validation answers
        Set<Integer> validated = Set.of(200, 201, 202, 204, 400, 404, 422);
        Map<String, String> writes = Map.of(
                "/api/stories", "{\"text\":\"\",\"language\":\"en\"}",
                "/api/stories/" + ID + "/reports", "{\"reason\":\"SPAM\"}",
                "/api/subscriptions", "{\"email\":\"not-an-address\",\"language\":\"en\",\"topics\":[\"anniversary\"]}",
                "/api/resources/search", "{\"zip\":\"10001\"}");
        for (Map.Entry<String, String> write : writes.entrySet()) {
            String proof = write.getKey().startsWith("/api/resources/") ? null
                    : ProofOfWork.solve(HTTP, devstack.gatewayUrl());
            int status = send(devstack.gatewayUrl(), new Route("POST", write.getKey(), null, write.getValue()), null,
                    proof);
            assertThat(status).as("POST %s without a token", write.getKey()).isIn(validated);
        }
    }

    /** Tokens live five minutes; one per user, fetched again when it has had half of that. */
    private static String token(String user) {
        Issued issued = TOKENS.compute(user, (name, held) -> held != null && held.at().isAfter(Instant.now().minusSeconds(150))
                ? held : new Issued(DevUsers.accessToken(devstack.keycloak(), name), Instant.now()));
        return issued.token();
    }

    private record Issued(String token, Instant at) {
    }

    private static final Map<String, Issued> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String otherIssuersToken() throws Exception {
        return OTHER_ISSUER.token();
    }

    private static final Lazy OTHER_ISSUER = new Lazy();

    /** A second realm in the same Keycloak, with a user who even holds a role called "admin": another issuer. */
    private static final class Lazy {
        private String token;

        synchronized String token() throws Exception {
            if (token == null) {
                String realm = """
                        {"realm":"elsewhere","enabled":true,
                         "roles":{"realm":[{"name":"admin"}]},
                         "clients":[{"clientId":"chorus-dev-cli","publicClient":true,"directAccessGrantsEnabled":true}],
                         "users":[{"username":"admin","enabled":true,"email":"admin@elsewhere.invalid","emailVerified":true,
                                   "firstName":"Else","lastName":"Where","realmRoles":["admin"],
                                   "credentials":[{"type":"password","value":"admin","temporary":false}]}]}""";
                HttpResponse<String> created = HTTP.send(admin(HttpRequest.newBuilder(
                        URI.create(devstack.keycloak().url() + "/admin/realms")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(realm)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
                String form = "grant_type=password&client_id=chorus-dev-cli&username=admin&password=admin";
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(
                                devstack.keycloak().url() + "/realms/elsewhere/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                token = JSON.readTree(answer.body()).get("access_token").asString();
            }
            return token;
        }
    }

    private static final ForeignClient FOREIGN_CLIENT = new ForeignClient();

    /** A client-credentials token of the realm's notifications service account (no API audience, another azp). */
    private static final class ForeignClient {
        private String token;
        private Instant at;

        synchronized String token() throws Exception {
            if (token == null || at.isBefore(Instant.now().minusSeconds(150))) {
                String form = "grant_type=client_credentials&client_id=chorus-notifications"
                        + "&client_secret=chorus-notifications-dev-secret";
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.keycloak().tokenUri()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                token = JSON.readTree(answer.body()).get("access_token").asString();
                at = Instant.now();
                assertThat(claims(token).get("azp").asString()).isEqualTo("chorus-notifications");
            }
            return token;
        }
    }

    /** The service behind a staff route, called directly as something inside the cluster could. */
    private static String serviceUrl(Route route) {
        int port = route.path().startsWith("/api/admin/stories") ? devstack.ports().stories()
                : route.path().startsWith("/api/admin/resources") ? devstack.ports().resources()
                : devstack.ports().notifications();
        return "http://localhost:" + port;
    }

    private static int send(Route route, String authorization) throws Exception {
        return send(devstack.gatewayUrl(), route, authorization);
    }

    private static int send(String base, Route route, String authorization) throws Exception {
        return send(base, route, authorization, null);
    }

    private static int send(String base, Route route, String authorization, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + route.path()))
                .timeout(Duration.ofSeconds(15))
                .method(route.method(), route.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(route.body()));
        if (route.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (proof != null) {
            request.header(ProofOfWork.HEADER, proof);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            // seen once in ~200 requests: a kept-alive connection stalled after the gateway refused a POST before
            // reading its body (an open question for the gateway, in the closing note); the answer itself is what
            // this test is about, so ask again on a fresh connection
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static HttpRequest.Builder admin(HttpRequest.Builder request) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(
                        devstack.keycloak().url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("master admin token: %s", answer.body()).isEqualTo(200);
        return request.header("Authorization", "Bearer " + JSON.readTree(answer.body()).get("access_token").asString());
    }

    private static JsonNode client(String realm, String clientId) throws Exception {
        HttpResponse<String> found = HTTP.send(admin(HttpRequest.newBuilder(URI.create(devstack.keycloak().url()
                + "/admin/realms/" + realm + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8))))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(found.body()).get(0);
    }

    private static Map<String, String> clientAttributes(String realm, String clientId) throws Exception {
        JsonNode attributes = client(realm, clientId).get("attributes");
        return attributes == null ? Map.of() : attributes.properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asString()));
    }

    private static void setClientAttribute(String realm, String clientId, String name, String value) throws Exception {
        JsonNode client = client(realm, clientId);
        ((tools.jackson.databind.node.ObjectNode) client.get("attributes")).put(name, value);
        HttpResponse<String> updated = HTTP.send(admin(HttpRequest.newBuilder(URI.create(devstack.keycloak().url()
                + "/admin/realms/" + realm + "/clients/" + client.get("id").asString())))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    private static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
