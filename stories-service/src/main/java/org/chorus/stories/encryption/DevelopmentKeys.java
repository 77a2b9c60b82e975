package org.chorus.stories.encryption;

import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a master key that is public: the development key ships in
 * {@code application-development.yml}, so anything it sealed can be opened by anyone with this repository. It is
 * accepted only under the {@value #PROFILE} profile (the devstack and the tests), whoever copied it elsewhere.
 */
@Component
class DevelopmentKeys {

    static final String PROFILE = "development";

    /** Every master key that has been published with the code. */
    private static final Set<String> PUBLISHED = Set.of("I2DRsmJPU/HJqp/U3POrtIhFLMNIFdgsPyys4WLM4JY=");

    /**
     * notifications-service's development public key for contact addresses: its private key is published with the
     * code too, so an address sealed to it is readable by anyone.
     */
    private static final String PUBLISHED_CONTACT_KEY = "MCowBQYDK2VuAyEAj3sCRxhuDqs43qpKVuovKVAaSKQwIymR2KeXfNI84kw=";

    DevelopmentKeys(EncryptionProperties properties, ContactSealingProperties contactSealing, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        if (PUBLISHED_CONTACT_KEY.equals(contactSealing.publicKey().strip())) {
            throw new IllegalStateException("chorus.stories.contact-sealing.public-key is the published development "
                    + "key, accepted only with the '" + PROFILE + "' profile: its private key is public; set "
                    + "notifications-service's real public key");
        }
        properties.masterKeys().forEach((id, value) -> {
            if (PUBLISHED.contains(value.strip()) || id.startsWith("dev-only")) {
                // the id only: even a public key is not printed
                throw new IllegalStateException("chorus.stories.encryption.master-keys." + id + " is a published "
                        + "development key, accepted only with the '" + PROFILE + "' profile; set a real key "
                        + "(32 random bytes, base64) and chorus.stories.encryption.active-key-id");
            }
        });
    }
}
