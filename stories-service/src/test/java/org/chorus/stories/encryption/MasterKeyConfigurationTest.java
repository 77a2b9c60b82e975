package org.chorus.stories.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What the service starts with: never without a real master key or notifications' contact key, never with a published
 * one outside development.
 */
class MasterKeyConfigurationTest {

    private static final String DEVELOPMENT_KEY = "I2DRsmJPU/HJqp/U3POrtIhFLMNIFdgsPyys4WLM4JY=";
    private static final String REAL_KEY = Base64.getEncoder().encodeToString(new byte[] {
            7, 1, 9, 3, 5, 2, 8, 4, 6, 0, 7, 1, 9, 3, 5, 2, 8, 4, 6, 0, 7, 1, 9, 3, 5, 2, 8, 4, 6, 0, 1, 2});

    private static final String DEVELOPMENT_CONTACT_KEY = "MCowBQYDK2VuAyEAj3sCRxhuDqs43qpKVuovKVAaSKQwIymR2KeXfNI84kw=";
    private static final String REAL_CONTACT_KEY = "MCowBQYDK2VuAyEAghVYyQjxObjXPkNwbSBDcwR7yzlok2ly0l04/+Ldoyg=";

    private final ApplicationContextRunner service = new ApplicationContextRunner().withUserConfiguration(Keys.class)
            .withPropertyValues("chorus.stories.contact-sealing.key-id=contacts-2026",
                    "chorus.stories.contact-sealing.public-key=" + REAL_CONTACT_KEY);

    @Test
    void withoutAMasterKeyTheServiceRefusesToStartNamingTheSetting() {
        service.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("chorus.stories.encryption.master-keys"));
    }

    @Test
    void theDevelopmentKeyIsRefusedOutsideTheDevelopmentProfile() {
        service.withPropertyValues("chorus.stories.encryption.active-key-id=dev-only",
                        "chorus.stories.encryption.master-keys.dev-only=" + DEVELOPMENT_KEY)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("chorus.stories.encryption.master-keys.dev-only")
                        .hasMessageNotContaining(DEVELOPMENT_KEY));
    }

    @Test
    void theDevelopmentKeyCopiedUnderAnotherIdIntoProductionIsRefused() {
        service.withPropertyValues("spring.profiles.active=production", "chorus.stories.encryption.active-key-id=k2026",
                        "chorus.stories.encryption.master-keys.k2026=" + DEVELOPMENT_KEY)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("chorus.stories.encryption.master-keys.k2026"));
    }

    @Test
    void theDevelopmentProfileStartsWithTheDevelopmentKey() {
        service.withPropertyValues("spring.profiles.active=development", "chorus.stories.encryption.active-key-id=dev-only",
                        "chorus.stories.encryption.master-keys.dev-only=" + DEVELOPMENT_KEY)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DataKeys.class));
    }

    @Test
    void aRealKeyStartsWithoutAnyProfile() {
        service.withPropertyValues("chorus.stories.encryption.active-key-id=k2026",
                        "chorus.stories.encryption.master-keys.k2026=" + REAL_KEY)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DataKeys.class));
    }

    @Test
    void withoutNotificationsContactKeyTheServiceRefusesToStartNamingTheSetting() {
        new ApplicationContextRunner().withUserConfiguration(Keys.class)
                .withPropertyValues("chorus.stories.encryption.active-key-id=k2026",
                        "chorus.stories.encryption.master-keys.k2026=" + REAL_KEY)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("chorus.stories.contact-sealing"));
    }

    @Test
    void theDevelopmentContactKeyIsRefusedOutsideTheDevelopmentProfile() {
        service.withPropertyValues("chorus.stories.encryption.active-key-id=k2026",
                        "chorus.stories.encryption.master-keys.k2026=" + REAL_KEY,
                        "chorus.stories.contact-sealing.public-key=" + DEVELOPMENT_CONTACT_KEY)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("chorus.stories.contact-sealing.public-key"));
    }

    @Test
    void theDevelopmentProfileStartsWithTheDevelopmentContactKey() {
        service.withPropertyValues("spring.profiles.active=development", "chorus.stories.encryption.active-key-id=dev-only",
                        "chorus.stories.encryption.master-keys.dev-only=" + DEVELOPMENT_KEY,
                        "chorus.stories.contact-sealing.public-key=" + DEVELOPMENT_CONTACT_KEY)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ContactSealing.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({EncryptionProperties.class, ContactSealingProperties.class})
    @Import({DataKeys.class, DevelopmentKeys.class, ContactSealing.class})
    static class Keys {
    }
}
