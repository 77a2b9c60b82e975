package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * A gateway that reaches Keycloak over an internal network (compose, Kubernetes) reads the realm there, sends browsers
 * to the public sign-in page and expects the public issuer in every token. A stand-in for Keycloak answers its
 * discovery document as Keycloak does with hostname-backchannel-dynamic: public issuer and sign-in page, internal
 * token and key addresses.
 */
class RealmBackChannelTest {

    private static final String PUBLIC = "https://auth.chorus.example.org/realms/chorus";

    private HttpServer keycloak;
    private String internal;
    private volatile String issuerAnswered = PUBLIC;

    @BeforeEach
    void start() throws Exception {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal = "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/realms/chorus";
        keycloak.createContext("/realms/chorus/.well-known/openid-configuration", exchange -> {
            byte[] body = """
                    {"issuer": "%1$s",
                     "authorization_endpoint": "%1$s/protocol/openid-connect/auth",
                     "end_session_endpoint": "%1$s/protocol/openid-connect/logout",
                     "token_endpoint": "%2$s/protocol/openid-connect/token",
                     "jwks_uri": "%2$s/protocol/openid-connect/certs",
                     "userinfo_endpoint": "%2$s/protocol/openid-connect/userinfo",
                     "subject_types_supported": ["public"],
                     "response_types_supported": ["code"],
                     "id_token_signing_alg_values_supported": ["RS256"]}
                    """.formatted(issuerAnswered, internal).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    @Test
    void theBrowserGoesToThePublicRealmAndTheGatewayToTheInternalOne() {
        ClientRegistration realm = registration(URI.create(internal + "/"));
        var provider = realm.getProviderDetails();
        assertThat(provider.getIssuerUri()).isEqualTo(PUBLIC);
        assertThat(provider.getAuthorizationUri()).isEqualTo(PUBLIC + "/protocol/openid-connect/auth");
        assertThat(provider.getConfigurationMetadata()).containsEntry("end_session_endpoint",
                PUBLIC + "/protocol/openid-connect/logout");
        assertThat(provider.getTokenUri()).isEqualTo(internal + "/protocol/openid-connect/token");
        assertThat(provider.getJwkSetUri()).isEqualTo(internal + "/protocol/openid-connect/certs");
        assertThat(provider.getUserInfoEndpoint().getUri()).isEqualTo(internal + "/protocol/openid-connect/userinfo");
    }

    @Test
    void aRealmThatNamesAnotherIssuerIsRefusedNamingBoth() {
        issuerAnswered = internal;
        assertThatThrownBy(() -> registration(URI.create(internal)))
                .hasMessageContaining("chorus.sign-in.issuer " + PUBLIC).hasMessageContaining("names the issuer " + internal);
    }

    private static ClientRegistration registration(URI backChannel) {
        SignInProperties properties = new SignInProperties(URI.create(PUBLIC), backChannel, "chorus-gateway",
                "a-secret", Duration.ofSeconds(60), Duration.ofMinutes(10));
        return new RealmClientRegistrations(properties)
                .findByRegistrationId(RealmClientRegistrations.REGISTRATION_ID).block(Duration.ofSeconds(30));
    }
}
