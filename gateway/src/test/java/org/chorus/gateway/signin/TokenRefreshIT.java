package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.chorus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The realm's access tokens live five minutes; a staff session lasts longer. Here the gateway is told to refresh a
 * token 299 s before it expires, so every relay a second or more after the last one needs a fresh token: the
 * service receives a new one each time, through the refresh token kept in the session, without a new sign-in.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "chorus.sign-in.refresh-before=299s")
class TokenRefreshIT {

    @LocalServerPort
    int port;

    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeItIsRelayed() throws InterruptedException {
        Browserless browser = new Browserless();
        String gateway = "http://localhost:" + port;
        browser.signIn(gateway, "moderator");

        String first = relayedToken(browser, gateway);
        Thread.sleep(2_000);
        String second = relayedToken(browser, gateway);

        assertThat(second).isNotEqualTo(first);
        Browserless.expect(browser.get(gateway + "/api/me"), 200);
    }

    private static String relayedToken(Browserless browser, String gateway) {
        HttpResponse<String> queue = browser.get(gateway + "/api/admin/stories");
        Browserless.expect(queue, 200);
        assertThat(StaffSignInFlow.json(queue).get("bearer").asBoolean()).isTrue();
        return StaffSignInFlow.json(queue).get("tokenFingerprint").asString();
    }
}
