package org.chorus.notifications.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** The Keycloak client secret, read from the service's own application.yml: never a default, never the public one. */
class ClientSecretConfigurationTest {

    private static final String DEVELOPMENT_SECRET = "chorus-notifications-dev-secret";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(KeycloakAdmin.class);

    @Test
    void withoutASecretTheServiceRefusesToStartNamingTheSetting() {
        service.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("chorus.keycloak.client-secret"));
    }

    @Test
    void theDevelopmentSecretIsRefusedOutsideTheDevelopmentProfile() {
        service.withPropertyValues("spring.profiles.active=production", "chorus.keycloak.client-secret=" + DEVELOPMENT_SECRET)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("chorus.keycloak.client-secret")
                        .hasMessageNotContaining(DEVELOPMENT_SECRET));
    }

    @Test
    void theDevelopmentProfileStartsWithTheDevelopmentSecret() {
        service.withPropertyValues("spring.profiles.active=development")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Keycloak.class));
    }

    @Test
    void aRealSecretStartsWithoutAnyProfile() {
        service.withPropertyValues("chorus.keycloak.client-secret=3b1f0c9e-real-secret-from-keycloak")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Keycloak.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KeycloakAdminProperties.class)
    @ComponentScan(basePackageClasses = KeycloakAdminConfiguration.class, useDefaultFilters = false, includeFilters =
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.staff\\.(KeycloakAdminConfiguration|Development.*)"))
    static class KeycloakAdmin {
    }
}
