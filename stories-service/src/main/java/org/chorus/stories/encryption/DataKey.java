package org.chorus.stories.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One story's data key. {@code context} binds a sealed value to where it belongs (story id and field), so sealed
 * bytes copied into another row or column do not open.
 */
public final class DataKey {

    private final String masterKeyId;
    private final byte[] wrapped;
    private final SecretKeySpec key;

    DataKey(String masterKeyId, byte[] wrapped, SecretKeySpec key) {
        this.masterKeyId = masterKeyId;
        this.wrapped = wrapped.clone();
        this.key = key;
    }

    public String masterKeyId() {
        return masterKeyId;
    }

    public byte[] wrapped() {
        return wrapped.clone();
    }

    public byte[] seal(String plaintext, String context) {
        return Gcm.seal(key, plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
    }

    public String open(byte[] sealed, String context) {
        try {
            return new String(Gcm.open(key, sealed, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value does not open with its story's data key");
        }
    }

    @Override
    public String toString() {
        return "DataKey[" + masterKeyId + "]";
    }
}
