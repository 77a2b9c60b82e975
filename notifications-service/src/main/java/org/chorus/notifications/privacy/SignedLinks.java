package org.chorus.notifications.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Tokens for the links in mails (confirm a subscription, open the preference centre, unsubscribe in one click):
 * the subject's id and an expiry, signed with HMAC-SHA256 over the purpose too, so a token made for one purpose
 * never opens another. Nothing is stored per link. A token that is malformed, forged, for another purpose or expired
 * all verify to empty: callers answer them the same way, so the answer is no oracle.
 */
@Component
public class SignedLinks {

    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    // links live in inboxes for months: after a rotation, those signed under the previous key still open
    private final Optional<SecretKeySpec> previousKey;

    public SignedLinks(PrivacyProperties properties) {
        this.key = new SecretKeySpec(PrivacyProperties.key("link-key", properties.linkKey()), "HmacSHA256");
        this.previousKey = Optional.ofNullable(properties.previousLinkKey())
                .filter(PrivacyProperties::present)
                .map(previous -> new SecretKeySpec(PrivacyProperties.key("previous-link-key", previous), "HmacSHA256"));
    }

    public String sign(UUID subject, String purpose, Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(24)
                .putLong(subject.getMostSignificantBits())
                .putLong(subject.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond())
                .array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(key, purpose, payload));
    }

    public Optional<UUID> verify(String token, String purpose, Instant now) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload.length != 24 || !signedByAKeyWeAccept(purpose, payload, signature)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        UUID subject = new UUID(buffer.getLong(), buffer.getLong());
        if (!now.isBefore(Instant.ofEpochSecond(buffer.getLong()))) {
            return Optional.empty();
        }
        return Optional.of(subject);
    }

    private boolean signedByAKeyWeAccept(String purpose, byte[] payload, byte[] signature) {
        return MessageDigest.isEqual(mac(key, purpose, payload), signature)
                || previousKey.filter(previous -> MessageDigest.isEqual(mac(previous, purpose, payload), signature))
                        .isPresent();
    }

    private static byte[] mac(SecretKeySpec key, String purpose, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
