package org.chorus.stories.encryption;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * notifications-service's public key for authors' contact addresses (base64 of X.509 X25519) and its id; the matching
 * private key is in notifications-service's configuration only. No default: the development key is in
 * {@code application-development.yml} and refused elsewhere ({@link DevelopmentKeys}). To rotate, give notifications
 * the new private key first, then stories the new public key and id; notifications keeps the old private key until the
 * contacts topic can no longer hold a record sealed to it (the erasure bound in the README).
 */
@ConfigurationProperties("chorus.stories.contact-sealing")
public record ContactSealingProperties(String keyId, String publicKey) {

    public ContactSealingProperties {
        if (keyId == null || keyId.isBlank() || publicKey == null || publicKey.isBlank()) {
            throw new IllegalStateException("chorus.stories.contact-sealing.key-id and .public-key must be set: "
                    + "notifications-service's public key for contact addresses (base64 X.509 X25519), or run with "
                    + "the 'development' profile");
        }
    }
}
