package org.chorus.notifications.privacy;

import java.util.Base64;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys that protect the addresses notifications-service holds, all base64 of 32 random bytes, from the environment.
 * Email keys are by id so they can be rotated (new rows use the active one; older rows keep the id they were sealed
 * under). The blind-index key and the link key cannot rotate without re-indexing every row or invalidating every
 * link already mailed, so they are single values.
 */
@ConfigurationProperties("chorus.notifications.privacy")
public record PrivacyProperties(Map<String, String> emailKeys, String activeEmailKeyId, String blindIndexKey,
        String linkKey) {

    public PrivacyProperties {
        if (emailKeys == null || emailKeys.isEmpty()) {
            throw new IllegalStateException("chorus.notifications.privacy.email-keys must hold at least one key");
        }
        if (activeEmailKeyId == null || !emailKeys.containsKey(activeEmailKeyId)) {
            throw new IllegalStateException(
                    "chorus.notifications.privacy.active-email-key-id must name one of the email keys");
        }
        emailKeys.forEach((id, value) -> key("email key " + id, value));
        key("blind-index-key", blindIndexKey);
        key("link-key", linkKey);
        emailKeys = Map.copyOf(emailKeys);
    }

    static byte[] key(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            // never the value itself in the message: it is a secret
            throw new IllegalStateException("chorus.notifications.privacy " + name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(
                    "chorus.notifications.privacy " + name + " must be 32 bytes, not " + key.length);
        }
        return key;
    }
}
