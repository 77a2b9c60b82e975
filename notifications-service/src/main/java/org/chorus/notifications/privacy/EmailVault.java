package org.chorus.notifications.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals and opens email addresses. Every address notifications-service keeps (subscribers, story authors) rests
 * encrypted; lookups go through the blind index, so a stolen database dump holds no address in the clear and no
 * unkeyed hash that a dictionary of addresses could reverse.
 */
@Component
public class EmailVault {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // binds the ciphertext to its use: an email ciphertext cannot be replayed as some other sealed field
    private static final byte[] CONTEXT = "chorus/notifications/email".getBytes(StandardCharsets.UTF_8);

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecretKeySpec indexKey;
    private final Optional<SecretKeySpec> previousIndexKey;

    public EmailVault(PrivacyProperties properties) {
        this.keys = properties.emailKeys().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new SecretKeySpec(PrivacyProperties.key("email key", e.getValue()), "AES")));
        this.activeKeyId = properties.activeEmailKeyId();
        this.indexKey = new SecretKeySpec(PrivacyProperties.key("blind-index-key", properties.blindIndexKey()),
                "HmacSHA256");
        this.previousIndexKey = Optional.ofNullable(properties.previousBlindIndexKey())
                .filter(PrivacyProperties::present)
                .map(key -> new SecretKeySpec(PrivacyProperties.key("previous-blind-index-key", key), "HmacSHA256"));
    }

    public SealedEmail seal(String email) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(email.strip().getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return new SealedEmail(activeKeyId, ciphertext, blindIndex(email));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(String keyId, byte[] ciphertext) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("No email key " + keyId + " is configured (was it rotated out too early?)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOf(ciphertext, NONCE_BYTES)));
            cipher.updateAAD(CONTEXT);
            byte[] plain = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed email under key " + keyId + " does not open", e);
        }
    }

    /**
     * The same person typing their address twice gets the same index: trimmed, NFC, lower case. Lower-casing the
     * local part is not what RFC 5321 promises, but every mailbox provider people use treats it that way, and the
     * alternative is two subscriptions for one person.
     */
    public byte[] blindIndex(String email) {
        return blindIndex(indexKey, "", email);
    }

    /**
     * A blind index kept for one purpose only (counting the mail one address gets, say): the same address gives an
     * unrelated value under another purpose, so rows kept for one cannot be joined to the subscriber index or to each
     * other. Normalised as {@link #blindIndex(String)}.
     */
    public byte[] blindIndex(String purpose, String email) {
        if (purpose.isEmpty() || purpose.indexOf(0) >= 0) {
            throw new IllegalArgumentException("A purpose is a non-empty name without NUL");
        }
        return blindIndex(indexKey, purpose + '\0', email);
    }

    /** Whether a previous blind-index key is configured: rows indexed under it may still be waiting to move. */
    public boolean blindIndexRotating() {
        return previousIndexKey.isPresent();
    }

    /**
     * The index the address had under the previous blind-index key, while a rotation is under way: a row indexed
     * under it is still the same person, and is re-indexed under the current key when it is found.
     */
    public Optional<byte[]> previousBlindIndex(String email) {
        return previousIndexKey.map(key -> blindIndex(key, "", email));
    }

    private static byte[] blindIndex(SecretKeySpec key, String purpose, String email) {
        String normalised = Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
