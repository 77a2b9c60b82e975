package org.chorus.notifications.receipt;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The private keys that open authors' contact addresses, which stories-service seals to this service (base64 PKCS #8
 * X25519), by the id stories-service names in each {@code StoryContactSealed}. stories-service holds the public key of
 * the one it seals to. No default: the development key is in {@code application-development.yml}, and without one the
 * service refuses to start. After a rotation the old key stays until the contacts topic can no longer hold a record
 * sealed to it (stories-service README, "Erasure"); deleting it then makes every copy sealed to it noise.
 */
@ConfigurationProperties("chorus.notifications.story-contacts")
record StoryContactKeys(Map<String, String> privateKeys) {

    StoryContactKeys {
        if (privateKeys == null || privateKeys.isEmpty()) {
            throw new IllegalStateException("chorus.notifications.story-contacts.private-keys must hold the key "
                    + "stories-service seals authors' addresses to (private-keys.<id>, base64 PKCS #8 X25519), or run "
                    + "with the 'development' profile");
        }
        privateKeys = Map.copyOf(privateKeys);
    }
}
