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

    DevelopmentKeys(EncryptionProperties properties, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
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
