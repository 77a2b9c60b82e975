package org.chorus.stories.encryption;

import java.util.Base64;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Master keys that wrap the per-story data keys, by id, so a key can be rotated: new stories use the active key,
 * older ones keep the id of the key that wrapped theirs. Values are base64 AES-256 keys, from the environment; there
 * is no default: the development key is in {@code application-development.yml} and refused elsewhere
 * ({@link DevelopmentKeys}).
 */
@ConfigurationProperties("chorus.stories.encryption")
public record EncryptionProperties(Map<String, String> masterKeys, String activeKeyId) {

    public EncryptionProperties {
        if (masterKeys == null || masterKeys.isEmpty()) {
            throw new IllegalStateException("chorus.stories.encryption.master-keys must hold at least one key: set "
                    + "chorus.stories.encryption.master-keys.<id> (32 random bytes, base64) and "
                    + "chorus.stories.encryption.active-key-id=<id>, or run with the 'development' profile");
        }
        if (activeKeyId == null || !masterKeys.containsKey(activeKeyId)) {
            throw new IllegalStateException("chorus.stories.encryption.active-key-id must name one of the master keys");
        }
        masterKeys.forEach((id, value) -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value == null ? "" : value.strip());
            } catch (IllegalArgumentException e) {
                // never the value itself in the message: it is a secret
                throw new IllegalStateException("Master key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("Master key " + id + " must be 32 bytes (AES-256), not " + key.length);
            }
        });
        masterKeys = Map.copyOf(masterKeys);
    }
}
