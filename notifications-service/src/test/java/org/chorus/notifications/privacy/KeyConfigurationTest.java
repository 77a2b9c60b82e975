package org.chorus.notifications.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * What the service starts with, read from its own application.yml: never without real keys, never with a published
 * one outside the development profile, and never a key's value in the refusal.
 */
class KeyConfigurationTest {

    private static final String PREFIX = "chorus.notifications.privacy.";
    private static final String DEVELOPMENT_EMAIL_KEY = "9Gx8m0q0hQ3y3vX1bqQ2YQm1cQ8gq6oVv2m3H3m1b9o=";
    private static final String DEVELOPMENT_BLIND_INDEX_KEY = "s3Qm7p1Xw0kq2c5vZ8n4r6t9y1u3i5o7p9a2d4f6g8h=";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Keys.class);

    @Test
    void withoutKeysFromTheEnvironmentTheServiceRefusesToStartNamingTheSetting() {
        service.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining(PREFIX + "email-keys"));
    }

    @Test
    void withAnEmailKeyButNoBlindIndexKeyTheRefusalNamesThatSetting() {
        service.withPropertyValues(PREFIX + "active-email-key-id=k2026", PREFIX + "email-keys.k2026=" + real(1),
                        PREFIX + "link-key=" + real(3))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining(PREFIX + "blind-index-key"));
    }

    @Test
    void theDevelopmentProfileStartsWithTheDevelopmentKeys() {
        service.withPropertyValues("spring.profiles.active=development")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmailVault.class)
                        .hasSingleBean(SignedLinks.class));
    }

    @Test
    void theDevelopmentKeysAreRefusedOutsideTheDevelopmentProfile() {
        service.withPropertyValues("spring.profiles.active=production", PREFIX + "active-email-key-id=dev-only",
                        PREFIX + "email-keys.dev-only=" + DEVELOPMENT_EMAIL_KEY,
                        PREFIX + "blind-index-key=" + DEVELOPMENT_BLIND_INDEX_KEY, PREFIX + "link-key=" + real(3))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining(PREFIX + "email-keys.dev-only")
                        .hasMessageNotContaining(DEVELOPMENT_EMAIL_KEY));
    }

    @Test
    void aDevelopmentKeyCopiedUnderAnotherIdIsRefused() {
        service.withPropertyValues("spring.profiles.active=production", PREFIX + "active-email-key-id=k2026",
                        PREFIX + "email-keys.k2026=" + DEVELOPMENT_EMAIL_KEY, PREFIX + "blind-index-key=" + real(2),
                        PREFIX + "link-key=" + real(3))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining(PREFIX + "email-keys.k2026"));
    }

    @Test
    void theDevelopmentBlindIndexKeyBesideRealEmailKeysIsRefused() {
        service.withPropertyValues(PREFIX + "active-email-key-id=k2026", PREFIX + "email-keys.k2026=" + real(1),
                        PREFIX + "blind-index-key=" + DEVELOPMENT_BLIND_INDEX_KEY, PREFIX + "link-key=" + real(3))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining(PREFIX + "blind-index-key")
                        .hasMessageNotContaining(DEVELOPMENT_BLIND_INDEX_KEY));
    }

    @Test
    void realKeysStartWithoutAnyProfile() {
        service.withPropertyValues(PREFIX + "active-email-key-id=k2026", PREFIX + "email-keys.k2026=" + real(1),
                        PREFIX + "blind-index-key=" + real(2), PREFIX + "link-key=" + real(3))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmailVault.class));
    }

    private static String real(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    // the privacy package as the service wires it: its properties, the vault, the links and whatever checks its keys
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PrivacyProperties.class)
    @ComponentScan(basePackageClasses = EmailVault.class, useDefaultFilters = false, includeFilters =
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.privacy\\.(EmailVault|SignedLinks|Development.*)"))
    static class Keys {
    }
}
