package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * No proxy is trusted by default: forwarded headers a client writes change nothing. On the old code a client escaped
 * its count by adding X-Forwarded-For (every such request went to one shared count) and chose the host Keycloak was
 * told to send the sign-in back to.
 */
@GatewayIntegrationTest
// a count of its own: RateLimitIT's context counts 127.0.0.1 to 2
@TestPropertySource(properties = {"chorus.rate-limit.enabled=true", "chorus.rate-limit.writes-per-window=3",
        "chorus.services.stories=${chorus.test.service-down}"})
class ForgedForwardedHeadersIT {

    @Autowired
    WebTestClient http;

    @Test
    void forgedHeadersNeitherEscapeTheCountNorChooseTheSignInAddressNorTheCookies() {
        for (int i = 0; i < 3; i++) {
            write(null).expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        }
        write("203.0.113.1").expectStatus().isEqualTo(429);
        write("2001:db8::1").expectStatus().isEqualTo(429);

        String location = http.get().uri("/oauth2/authorization/keycloak")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "attacker.example")
                .header("Forwarded", "host=attacker.example;proto=https")
                .exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(URLDecoder.decode(location, StandardCharsets.UTF_8))
                .contains("redirect_uri=http://localhost:").doesNotContain("attacker.example");

        ResponseCookie csrf = http.get().uri("/admin").header("X-Forwarded-Proto", "https")
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(csrf).isNotNull();
        assertThat(csrf.isSecure()).as("the connection is plain http, whatever the client says").isFalse();
    }

    private WebTestClient.ResponseSpec write(String forwardedFor) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/stories");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }
}
