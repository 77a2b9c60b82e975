package org.chorus.stories.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Envelope encryption for personal data at rest: every story gets its own random AES-256 data key, stored only
 * wrapped (AES-256-GCM) under a master key from configuration. Deleting the wrapped key shreds everything sealed
 * with it, even in backups that still hold the sealed bytes.
 */
@Component
public class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] WRAPPING_CONTEXT = "chorus-story-data-key".getBytes(StandardCharsets.UTF_8);

    private final Map<String, SecretKeySpec> masterKeys;
    private final String activeKeyId;

    public DataKeys(EncryptionProperties properties) {
        this.masterKeys = properties.masterKeys().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey,
                entry -> new SecretKeySpec(Base64.getDecoder().decode(entry.getValue().strip()), "AES")));
        this.activeKeyId = properties.activeKeyId();
        if (activeKeyId.startsWith("dev-only")) {
            log.warn("Story text is encrypted under the development master key from application-development.yml; "
                    + "set a real one (chorus.stories.encryption.*) anywhere but on a developer machine");
        }
    }

    /** A fresh data key, wrapped under the active master key. */
    public DataKey generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] wrapped = Gcm.seal(masterKeys.get(activeKeyId), key, WRAPPING_CONTEXT);
        return new DataKey(activeKeyId, wrapped, new SecretKeySpec(key, "AES"));
    }

    /** The data key a stored story was sealed with. */
    public DataKey unwrap(String masterKeyId, byte[] wrapped) {
        SecretKeySpec master = masterKeys.get(masterKeyId);
        if (master == null) {
            throw new IllegalStateException("No master key with id " + masterKeyId + " is configured");
        }
        try {
            return new DataKey(masterKeyId, wrapped, new SecretKeySpec(Gcm.open(master, wrapped, WRAPPING_CONTEXT), "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A data key does not open under master key " + masterKeyId);
        }
    }
}
