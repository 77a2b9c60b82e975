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
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        return new SpringApplicationBuilder(GatewayApplication.class).profiles(profile).run(all);
    }
}
