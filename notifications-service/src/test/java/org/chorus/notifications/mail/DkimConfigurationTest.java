package org.chorus.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What the service signs with, read from its own application.yml: never without a key (unless signing is explicitly
 * left to the relay), never with the published development key outside development, never a key too short or a
 * domain DMARC would not count, and never the key's value in the refusal.
 */
class DkimConfigurationTest {

    private static final String PREFIX = "chorus.mail.dkim.";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Signing.class);

    @Test
    void withoutAKeyTheServiceRefusesToStartNamingTheSetting() {
        service.withPropertyValues(PREFIX + "domain=chorus.invalid", PREFIX + "selector=s2026")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining(PREFIX + "private-key is not set"));
    }

    @Test
    void theDevelopmentProfileSignsWithTheDevelopmentKey() {
        service.withPropertyValues("spring.profiles.active=development")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DkimSigning.class));
    }

    @Test
    void theDevelopmentKeyIsRefusedOutsideTheDevelopmentProfileWithoutPrintingIt() {
        assertThat(devKey()).isNotBlank();
        // the production profile's file names its mail settings by variables this test does not set
        ApplicationContextRunner copied = service.withPropertyValues("spring.profiles.active=production",
                "chorus.mail.from=Chorus <no-reply@chorus.invalid>", PREFIX + "domain=chorus.invalid", PREFIX + "selector=s2026", PREFIX + "private-key=" + devKey());
        copied.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(PREFIX + "private-key is the published development key")
                    .hasMessageNotContaining(devKey().substring(20, 60));
        });
    }

    @Test
    void aRealKeyForTheFromDomainStartsWithoutAnyProfile() throws Exception {
        service.withPropertyValues(PREFIX + "domain=chorus.invalid", PREFIX + "selector=s2026",
                        PREFIX + "private-key=" + rsa(2048))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DkimSigning.class));
    }

    @Test
    void aKeyShorterThan2048BitsIsRefused() throws Exception {
        service.withPropertyValues(PREFIX + "domain=chorus.invalid", PREFIX + "selector=s2026",
                        PREFIX + "private-key=" + rsa(1024))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("at least 2048 bits"));
    }

    @Test
    void somethingThatIsNotAnRsaKeyIsRefusedWithoutPrintingIt() {
        String garbage = Base64.getEncoder().encodeToString("not a key at all, but secret-ish".getBytes());
        service.withPropertyValues(PREFIX + "domain=chorus.invalid", PREFIX + "selector=s2026",
                        PREFIX + "private-key=" + garbage)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("not an RSA private key").hasMessageNotContaining(garbage));
    }

    @Test
    void aSigningDomainThatDoesNotAlignWithTheFromAddressIsRefused() throws Exception {
        service.withPropertyValues(PREFIX + "domain=elsewhere.example", PREFIX + "selector=s2026",
                        PREFIX + "private-key=" + rsa(2048))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("domain of chorus.mail.from or a parent"));
    }

    @Test
    void signingLeftToTheRelayStartsWithoutAKey() {
        service.withPropertyValues(PREFIX + "enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DkimSigning.class));
    }

    private static String rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    }

    private String devKey() {
        String[] key = new String[1];
        new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("spring.profiles.active=development")
                .run(context -> key[0] = context.getEnvironment().getProperty(PREFIX + "private-key"));
        return key[0];
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DkimProperties.class, MailProperties.class})
    @Import(DkimSigning.class)
    static class Signing {
    }
}
