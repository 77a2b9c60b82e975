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
 * The gateway behind one TLS-terminating load balancer (chorus.edge.proxies.hops=1): each reader is counted by the
 * address the balancer appended, whatever they wrote before it; sign-in and cookies are made for https. On the old
 * code every request with X-Forwarded-For shared one count, and the CSRF cookie was never Secure.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {"chorus.edge.proxies.hops=1", "chorus.rate-limit.enabled=true",
        "chorus.rate-limit.writes-per-window=2", "chorus.services.stories=${chorus.test.service-down}"})
class BehindATrustedProxyIT {

    @Autowired
    WebTestClient http;

    @Test
    void eachReaderHasACountOfTheirOwn() {
        for (int i = 0; i < 2; i++) {
            write("203.0.113.1").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        }
        write("203.0.113.1").expectStatus().isEqualTo(429);

        write("203.0.113.2").expectStatus().value(status -> assertThat(status).as("another reader").isNotEqualTo(429));
    }

    @Test
    void whatAReaderWritesBeforeTheBalancersEntryGivesNoFreshCount() {
        for (int i = 0; i < 2; i++) {
            write("192.0.2." + i + ", 203.0.113.3").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        }
        write("192.0.2.9, 203.0.113.3").expectStatus().isEqualTo(429);
        write("203.0.113.3").expectStatus().isEqualTo(429);
    }

    @Test
    void ipv6ReadersAreCountedByTheirSlash64() {
        write("2001:db8:5:5::1").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        write("2001:db8:5:5:aaaa::2").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        write("[2001:db8:5:5::3]:4711").expectStatus().isEqualTo(429);

        write("2001:db8:5:6::1").expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
    }

    @Test
    void aRequestWhoseClientCannotBeToldIsRefusedNotCountedWithOthers() {
        write("unknown").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signInSendsKeycloakBackToTheHttpsAddressTheReaderUsedAndItsSessionCookieIsSecure() {
        var result = http.get().uri("/oauth2/authorization/keycloak")
                .header("X-Forwarded-For", "203.0.113.4")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "chorus.example.org")
                .exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class);

        assertThat(URLDecoder.decode(result.getResponseHeaders().getLocation().toString(), StandardCharsets.UTF_8))
                .contains("redirect_uri=https://chorus.example.org/login/oauth2/code/keycloak");
        ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isSecure()).as("Secure behind TLS").isTrue();
    }

    @Test
    void behindTlsTheCsrfCookieIsSecureAndHstsIsSent() {
        var result = http.get().uri("/admin")
                .header("X-Forwarded-For", "203.0.113.5").header("X-Forwarded-Proto", "https")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("Strict-Transport-Security")
                .returnResult(String.class);
        ResponseCookie csrf = result.getResponseCookies().getFirst("XSRF-TOKEN");

        assertThat(csrf).as("the portal's CSRF cookie").isNotNull();
        assertThat(csrf.isSecure()).as("Secure behind TLS").isTrue();
    }

    @Test
    void overPlainHttpTheCookieCannotBeSecure() {
        ResponseCookie csrf = http.get().uri("/admin").header("X-Forwarded-For", "203.0.113.6")
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");

        assertThat(csrf).isNotNull();
        assertThat(csrf.isSecure()).isFalse();
    }

    private WebTestClient.ResponseSpec write(String forwardedFor) {
        return http.post().uri("/api/stories").header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }
}
