package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.chorus.gateway.GatewayIntegrationTest;
import org.chorus.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff sign-in against the real Keycloak with the chorus realm: authorization code with PKCE, the session that
 * follows, the token relayed to the service, CSRF on the session's writes, bearer tokens for automation, and a
 * sign-out that ends the Keycloak session too. The service is a stub that says what credentials reached it.
 * Run once with sessions in memory and once in Redis.
 */
@GatewayIntegrationTest
abstract class StaffSignInFlow {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    final Browserless browser = new Browserless();

    String gateway() {
        return "http://localhost:" + port;
    }

    @Test
    void signInUsesPkceAndEndsOnThePortalWithASessionCookieOnly() {
        HttpResponse<String> toKeycloak = browser.get(gateway() + "/oauth2/authorization/keycloak");

        assertThat(Browserless.location(toKeycloak))
                .startsWith(Infrastructure.keycloak().issuer() + "/protocol/openid-connect/auth")
                .contains("code_challenge=", "code_challenge_method=S256", "client_id=chorus-gateway");
        String setCookie = String.join("\n", toKeycloak.headers().allValues("Set-Cookie"));
        assertThat(setCookie).contains("SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");

        assertThat(new Browserless().signIn(gateway(), "moderator")).isEqualTo(gateway() + "/admin");
    }

    @Test
    void signInsAreCountedByOutcomeAndAForgedReturnFromKeycloakIsAFailedOne() {
        double signedIn = signIns("signed-in");
        double failed = signIns("failed");

        new Browserless().signIn(gateway(), "moderator");
        // a return from "Keycloak" that no sign-in of this browser began, as a cross-site forgery would send
        HttpResponse<String> forged = browser.get(gateway() + "/login/oauth2/code/keycloak?code=forged&state=forged");

        assertThat(Browserless.location(forged)).isEqualTo(gateway() + "/admin?sign-in=failed");
        assertThat(signIns("signed-in")).isEqualTo(signedIn + 1);
        assertThat(signIns("failed")).isEqualTo(failed + 1);
    }

    private double signIns(String outcome) {
        Counter counter = meters.find("chorus.gateway.sign.ins").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Only a trusted proxy says the reader came over TLS (BehindATrustedProxyIT); here no proxy is trusted. */
    @Test
    void aClientClaimingTlsItselfGetsNoSecureSessionCookieOverPlainHttp() {
        HttpResponse<String> toKeycloak = browser.get(gateway() + "/oauth2/authorization/keycloak",
                "X-Forwarded-Proto", "https");

        assertThat(toKeycloak.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=").doesNotContainIgnoringCase("Secure"));
    }

    @Test
    void aSignedInModeratorIsKnownToThePortalAndTheServiceGetsTheirTokenNotTheCookie() {
        browser.signIn(gateway(), "moderator");

        HttpResponse<String> me = browser.get(gateway() + "/api/me");
        Browserless.expect(me, 200);
        assertThat(json(me).get("name").asString()).isEqualTo("moderator");
        assertThat(json(me).get("roles").toString()).isEqualTo("[\"moderator\"]");
        assertThat(me.body()).doesNotContain("eyJ");

        HttpResponse<String> queue = browser.get(gateway() + "/api/admin/stories");
        Browserless.expect(queue, 200);
        assertThat(json(queue).get("bearer").asBoolean()).as("access token relayed").isTrue();
        assertThat(json(queue).get("cookie").asBoolean()).as("session cookie kept from services").isFalse();
        assertThat(json(queue).get("forwardedFor").asBoolean()).as("client address kept from services").isFalse();
        assertThat(queue.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void sessionWritesNeedTheCsrfTokenFromThePortalsCookie() {
        browser.signIn(gateway(), "moderator");
        Browserless.expect(browser.get(gateway() + "/api/me"), 200);
        String token = browser.cookie("XSRF-TOKEN");
        String publish = gateway() + "/api/admin/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/publication";

        Browserless.expect(browser.post(publish), 403);
        Browserless.expect(browser.post(publish, "X-XSRF-TOKEN", token), 200);
    }

    @Test
    void automationWithABearerTokenNeedsNoSessionAndNoCsrfToken() {
        String token = passwordGrantToken("moderator");

        HttpResponse<String> publish = new Browserless().post(
                gateway() + "/api/admin/stories/7c9e6679-7425-40de-944b-e07fc1f90ae7/publication",
                "Authorization", "Bearer " + token);

        Browserless.expect(publish, 200);
        assertThat(json(publish).get("bearer").asBoolean()).isTrue();
        HttpResponse<String> me = new Browserless().get(gateway() + "/api/me", "Authorization", "Bearer " + token);
        assertThat(json(me).get("name").asString()).isEqualTo("moderator");
    }

    @Test
    void signOutEndsTheGatewaySessionAndTheKeycloakSession() {
        browser.signIn(gateway(), "moderator");
        Browserless.expect(browser.get(gateway() + "/api/me"), 200);

        HttpResponse<String> signOut = browser.post(gateway() + "/logout",
                "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"), "Accept", "application/json");
        Browserless.expect(signOut, 200);
        String endSession = json(signOut).get("location").asString();
        assertThat(endSession).startsWith(Infrastructure.keycloak().issuer() + "/protocol/openid-connect/logout")
                .contains("id_token_hint=");
        HttpResponse<String> backAtThePortal = browser.get(endSession);
        Browserless.expect(backAtThePortal, 302);
        assertThat(Browserless.location(backAtThePortal)).isEqualTo(gateway() + "/admin");

        Browserless.expect(browser.get(gateway() + "/api/me"), 401);
        Browserless.expect(browser.get(gateway() + "/api/admin/stories"), 401);
        // Keycloak asks for the password again: its session is over too
        HttpResponse<String> again = browser.get(Browserless.location(
                browser.get(gateway() + "/oauth2/authorization/keycloak")));
        Browserless.expect(again, 200);
        assertThat(again.body()).contains("password");
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String passwordGrantToken(String user) {
        HttpResponse<String> token = new Browserless().postForm(Infrastructure.keycloak().tokenUri(), Map.of(
                "grant_type", "password", "client_id", "chorus-dev-cli", "username", user, "password", user));
        Browserless.expect(token, 200);
        return json(token).get("access_token").asString();
    }
}
