package org.chorus.notifications.privacy;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys that protect the addresses notifications-service holds, all base64 of 32 random bytes, from the environment.
 * There is no default: the development keys are in {@code application-development.yml} and refused elsewhere
 * ({@link DevelopmentKeys}).
 * <p>
 * Email keys are by id so they can be rotated (new rows use the active one; older rows keep the id they were sealed
 * under). The blind index is what a lookup searches for, and the link key signs links already sitting in inboxes, so
 * neither can simply be replaced: each may have one previous key, still accepted while a rotation is under way
 * (an address indexed under it is still found, and re-indexed under the current key when it is; a link signed
 * under it still opens) but never used for anything new.
 */
@ConfigurationProperties("chorus.notifications.privacy")
public record PrivacyProperties(Map<String, String> emailKeys, String activeEmailKeyId, String blindIndexKey,
        String previousBlindIndexKey, String linkKey, String previousLinkKey) {

    static final String PREFIX = "chorus.notifications.privacy.";

    public PrivacyProperties {
        if (emailKeys == null || emailKeys.isEmpty()) {
            throw new IllegalStateException(PREFIX + "email-keys must hold at least one key: set "
                    + PREFIX + "email-keys.<id> (CHORUS_NOTIFICATIONS_PRIVACY_EMAILKEYS_<ID>, 32 random bytes, base64) "
                    + "and " + PREFIX + "active-email-key-id=<id>, or run with the 'development' profile");
        }
        if (activeEmailKeyId == null || !emailKeys.containsKey(activeEmailKeyId)) {
            throw new IllegalStateException(PREFIX + "active-email-key-id must name one of the email keys");
        }
        emailKeys.forEach((id, value) -> key("email-keys." + id, value));
        key("blind-index-key", blindIndexKey);
        key("link-key", linkKey);
        if (previousBlindIndexKey != null && !previousBlindIndexKey.isBlank()) {
            key("previous-blind-index-key", previousBlindIndexKey);
        }
        if (previousLinkKey != null && !previousLinkKey.isBlank()) {
            key("previous-link-key", previousLinkKey);
        }
        emailKeys = Map.copyOf(emailKeys);
    }

    /** Every key by the name of its setting, for checks that look at all of them. */
    Map<String, String> byName() {
        Map<String, String> all = new TreeMap<>();
        emailKeys.forEach((id, value) -> all.put(PREFIX + "email-keys." + id, value));
        all.put(PREFIX + "blind-index-key", blindIndexKey);
        all.put(PREFIX + "link-key", linkKey);
        if (present(previousBlindIndexKey)) {
            all.put(PREFIX + "previous-blind-index-key", previousBlindIndexKey);
        }
        if (present(previousLinkKey)) {
            all.put(PREFIX + "previous-link-key", previousLinkKey);
        }
        return all;
    }

    static boolean present(String base64) {
        return base64 != null && !base64.isBlank();
    }

    static byte[] key(String name, String base64) {
        if (!present(base64)) {
            throw new IllegalStateException(PREFIX + name + " is not set: set it from the environment (32 random "
                    + "bytes, base64, e.g. openssl rand -base64 32), or run with the 'development' profile");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // never the value itself in the message: it is a secret
            throw new IllegalStateException(PREFIX + name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(PREFIX + name + " must be 32 bytes, not " + key.length);
        }
        return key;
    }
}
