package org.chorus.stories.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chorus.testsupport.DevUsers;
import org.chorus.testsupport.InfrastructureInitializers;
import org.chorus.testsupport.KeycloakServer;
import org.chorus.testsupport.LogFile;
import org.chorus.testsupport.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 15, fault 4, the service's half: Keycloak stops. The public endpoints never needed it; a moderator's token
 * that was valid keeps being accepted, because the service checks signatures with the realm's keys it already
 * fetched, until the token expires. (The gateway's half, the staff sign-in page while Keycloak is down, is not
 * covered here.) Reliability profile: it starts a Keycloak of its own, which takes minutes.
 */
@Tag("reliability")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "development"})
@ContextConfiguration(initializers = {InfrastructureInitializers.Postgres.class, InfrastructureInitializers.Kafka.class,
        KeycloakDownIT.OwnKeycloak.class})
@TestPropertySource(properties = "chorus.tokens.authorized-parties=chorus-gateway,chorus-automation,chorus-dev-cli")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KeycloakDownIT {

    private static KeycloakServer keycloak;

    /** A Keycloak of this test's own: the shared one must stay up for the other tests of the JVM. */
    static final class OwnKeycloak implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            synchronized (KeycloakDownIT.class) {
                if (keycloak == null) {
                    Path work = Path.of("target", "keycloak-down");
                    keycloak = KeycloakServer.process(Ports.free(), work, new LogFile(work.resolve("keycloak.log")));
                }
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-keycloak", Map.of(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak.issuer(),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", keycloak.jwkSetUri())));
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void withKeycloakStoppedThePublicSideWorksAndAStaffTokenAlreadyIssuedIsStillAccepted() throws Exception {
        String token = DevUsers.accessToken(keycloak, "moderator");
        assertThat(get("/api/admin/stories", token)).as("moderation queue, Keycloak up").isEqualTo(200);

        keycloak.close();

        int queue = get("/api/admin/stories", token);
        int list = get("/api/stories", null);
        int share = post("/api/stories",
                "{\"text\":\"A story while Keycloak is down\",\"language\":\"en\",\"consents\":{\"publishOnSite\":true}}");
        int forged = get("/api/admin/stories", token.substring(0, token.lastIndexOf('.') + 1) + "AAAA");
        System.out.printf("KeycloakDownIT: Keycloak stopped; moderation queue with the token issued before %d,"
                + " public list %d, share a story %d, a token with a broken signature %d%n", queue, list, share, forged);
        assertThat(queue).as("moderation queue with a token issued before the stop").isEqualTo(200);
        assertThat(list).as("public list").isEqualTo(200);
        assertThat(share).as("sharing a story").isEqualTo(201);
        assertThat(forged).as("a token whose signature does not verify").isEqualTo(401);
    }

    private int get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
