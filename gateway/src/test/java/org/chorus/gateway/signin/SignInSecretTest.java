package org.chorus.gateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.Assertions;
import org.chorus.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the gateway starts with: never without its client secret, never with the published development one outside
 * development. The whole gateway starts (it needs neither Keycloak nor the services to come up). On the old code it
 * started anywhere with the development secret as its default.
 */
class SignInSecretTest {

    private static final String DEVELOPMENT_SECRET = "chorus-gateway-dev-secret";

    @Test
    void withoutTheClientSecretTheGatewayRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> start("production"))
                .rootCause().hasMessageContaining("chorus.sign-in.client-secret")
                .hasMessageContaining("CHORUS_SIGN_IN_CLIENT_SECRET");
    }

    @Test
    void thePublishedDevelopmentSecretIsRefusedOutsideDevelopment() {
        assertThatThrownBy(() -> start("production", "--chorus.sign-in.client-secret=" + DEVELOPMENT_SECRET))
                .rootCause().hasMessageContaining("chorus.sign-in.client-secret")
                .hasMessageContaining("development");
    }

    @Test
    void theDevelopmentProfileStartsWithTheDevelopmentSecretAndARealSecretStartsAnywhere() {
        try (ConfigurableApplicationContext gateway = start("development")) {
            assertThat(gateway.getBean(SignInProperties.class).clientSecret()).isEqualTo(DEVELOPMENT_SECRET);
        }
        try (ConfigurableApplicationContext gateway = start("production",
                "--chorus.sign-in.client-secret=a-real-secret-from-the-store")) {
            Assertions.assertThat(gateway.isRunning()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String profile, String... args) {
        // what the production profile needs from a deployment besides the secret (application-production.yml); Redis
        // is left off so the test needs none
        String[] base = {"--server.port=0", "--management.server.port=0", "--chorus.redis.enabled=false",
                "--chorus.edge.warm-up.requests=0",
                "--CHORUS_ISSUER_URI=http://localhost:8180/realms/chorus", "--CHORUS_KEYCLOAK_URL=http://localhost:8180"};
        String[] all = new String[base.length + args.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(args, 0, all, base.length, args.length);
        return new SpringApplicationBuilder(GatewayApplication.class).profiles(profile).run(all);
    }
}
