package org.chorus.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, in hex: what the gateway keys a client's counters and its challenges' signatures by, so
 * neither an address nor a forgeable value is ever stored. One {@link Mac} per thread, made ready once: looking the
 * algorithm up and keying it for every write would cost more than the hash itself.
 */
public final class KeyedHash {

    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> mac;

    public KeyedHash(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac keyed = Mac.getInstance("HmacSHA256");
                keyed.init(spec);
                return keyed;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
        mac.get();
    }

    /** The whole HMAC, 64 hex digits. */
    public String hex(String value) {
        return HEX.formatHex(bytes(value));
    }

    /** The first 128 bits, 32 hex digits: enough to tell clients apart in a counter's key. */
    public String shortHex(String value) {
        return HEX.formatHex(bytes(value), 0, 16);
    }

    /** The raw HMAC, e.g. to derive one key from another. */
    public byte[] bytes(String value) {
        return mac.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }
}
