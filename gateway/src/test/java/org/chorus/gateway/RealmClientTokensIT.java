package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens on /api/admin/** from the real Keycloak: a token of the realm is taken only when it was issued for
 * the API to an allowed client. On the old code the notifications service account's token (issuer and signature of
 * the realm, nothing else) passed the gateway.
 */
@GatewayIntegrationTest
class RealmClientTokensIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WebTestClient http;

    @Test
    void anotherClientsTokenOfTheRealmIsA401Problem() throws Exception {
        http.get().uri("/api/admin/stories")
                .header("Authorization", "Bearer " + serviceAccountToken("chorus-notifications", "chorus-notifications-dev-secret"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void automationsTokenForTheApiPasses() throws Exception {
        http.get().uri("/api/admin/stories")
                .header("Authorization", "Bearer " + serviceAccountToken("chorus-automation", "chorus-automation-dev-secret"))
                .exchange()
                .expectStatus().isOk();
    }

    private static String serviceAccountToken(String client, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + client + "&client_secret=" + secret;
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(Infrastructure.keycloak().tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("token for %s", client).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body()).get("access_token").asString();
    }
}
