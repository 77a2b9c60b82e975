package org.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Every service's decoder, as Spring Boot builds it for them with {@link RealmTokens}: a token signed by the realm
 * and from its issuer is still refused unless it was issued for the API to an allowed client. The slice tests with
 * mocked JWTs never reach the decoder; this does, with signed tokens.
 */
class RealmTokensTest {

    private static final String ISSUER = "http://localhost:8180/realms/chorus";
    private static final KeyPair REALM_KEY = rsa();

    @TempDir
    Path dir;

    @Test
    void tokensOfTheGatewayAndOfAutomationForTheApiAreTaken() throws Exception {
        run(decoder -> {
            assertThat(decoder.decode(token("chorus-gateway", List.of("chorus-api", "account"))).block()).isNotNull();
            assertThat(decoder.decode(token("chorus-automation", List.of("chorus-api"))).block()).isNotNull();
        });
    }

    @Test
    void aTokenOfAnotherClientOfTheRealmIsRefused() throws Exception {
        run(decoder -> {
            // the notifications service account's token: no API audience, another client
            assertRefused(decoder, token("chorus-notifications", List.of("realm-management", "account")));
            // a client an administrator added and gave the audience mapper, but not allowed to call the API
            assertRefused(decoder, token("reporting-dashboard", List.of("chorus-api")));
            // an allowed client's token meant for another audience
            assertRefused(decoder, token("chorus-gateway", List.of("account")));
            assertRefused(decoder, token(null, List.of("chorus-api")));
            assertRefused(decoder, token("chorus-gateway", List.of()));
        });
    }

    @Test
    void theDevelopmentClientIsTakenOnlyWithTheDevelopmentProfile() throws Exception {
        run(decoder -> assertRefused(decoder, token("chorus-dev-cli", List.of("chorus-api"))));
        run(decoder -> assertThat(decoder.decode(token("chorus-dev-cli", List.of("chorus-api"))).block()).isNotNull(),
                "spring.profiles.active=development");
    }

    @Test
    void theAllowedClientsAreSettings() throws Exception {
        run(decoder -> assertThat(decoder.decode(token("reporting-dashboard", List.of("chorus-api"))).block())
                .isNotNull(), "chorus.tokens.authorized-parties=chorus-gateway,reporting-dashboard");
        run(decoder -> assertRefused(decoder, token("chorus-automation", List.of("chorus-api"))),
                "chorus.tokens.authorized-parties=chorus-gateway,reporting-dashboard");
    }

    @Test
    void emptySettingsStopTheStart() {
        assertThatThrownBy(() -> new RealmTokenProperties("chorus-api", List.of()))
                .hasMessageContaining("chorus.tokens.authorized-parties");
        assertThatThrownBy(() -> new RealmTokenProperties(" ", List.of("chorus-gateway")))
                .hasMessageContaining("chorus.tokens.audience");
    }

    @EnableWebFluxSecurity
    static class WebFluxSecurity {
    }

    interface DecoderCheck {
        void check(ReactiveJwtDecoder decoder) throws Exception;
    }

    private void run(DecoderCheck check, String... properties) throws Exception {
        Path key = dir.resolve("realm.pub");
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(REALM_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReactiveOAuth2ResourceServerAutoConfiguration.class,
                        RealmTokens.class))
                .withUserConfiguration(WebFluxSecurity.class)
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + key)
                .withPropertyValues(properties)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    check.check(context.getBean(ReactiveJwtDecoder.class));
                });
    }

    private static void assertRefused(ReactiveJwtDecoder decoder, String token) {
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("not issued for this API");
    }

    private static String token(String authorizedParty, List<String> audience) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("a-staff-member")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .audience(audience);
        if (authorizedParty != null) {
            claims.claim("azp", authorizedParty);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(REALM_KEY.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
