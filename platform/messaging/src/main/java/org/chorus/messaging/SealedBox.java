package org.chorus.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal data that has to travel through an outbox row and a Kafka record, sealed so that only the service it is
 * for can open it: X25519 with a fresh key pair per value, HKDF-SHA256 (RFC 5869) of the shared secret, AES-256-GCM.
 * The sender needs only the recipient's public key, so a copy of the sealed bytes (write-ahead log, Kafka segment,
 * backup) is noise to everyone but the holder of the recipient's private key. {@code context} is authenticated, not
 * sent: a value sealed for one story does not open as another's.
 * <p>
 * Layout: the ephemeral public key (X.509, {@value #PUBLIC_KEY_BYTES} bytes), a 96-bit nonce, the ciphertext and
 * its 128-bit tag.
 */
public final class SealedBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CURVE = "X25519";
    private static final int PUBLIC_KEY_BYTES = 44;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] INFO = "chorus sealed box v1".getBytes(StandardCharsets.UTF_8);

    private SealedBox() {
    }

    public static byte[] seal(PublicKey recipient, String plaintext, String context) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(CURVE);
            KeyPair ephemeral = generator.generateKeyPair();
            byte[] ephemeralPublic = ephemeral.getPublic().getEncoded();
            SecretKeySpec key = key(ephemeral.getPrivate(), recipient, ephemeralPublic);
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(ephemeralPublic.length + NONCE_BYTES + sealed.length)
                    .put(ephemeralPublic).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 or AES-GCM is not available", e);
        }
    }

    /** The plaintext; a {@link GeneralSecurityException} when the bytes were not sealed for this key and context. */
    public static String open(PrivateKey recipient, byte[] sealed, String context) throws GeneralSecurityException {
        if (sealed.length < PUBLIC_KEY_BYTES + NONCE_BYTES) {
            throw new GeneralSecurityException("too short");
        }
        byte[] ephemeralPublic = Arrays.copyOf(sealed, PUBLIC_KEY_BYTES);
        SecretKeySpec key = key(recipient, publicKey(ephemeralPublic), ephemeralPublic);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, PUBLIC_KEY_BYTES, NONCE_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        byte[] plain = cipher.doFinal(sealed, PUBLIC_KEY_BYTES + NONCE_BYTES, sealed.length - PUBLIC_KEY_BYTES - NONCE_BYTES);
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** A recipient's public key from configuration: base64 of its X.509 encoding. */
    public static PublicKey publicKey(String base64) {
        try {
            return publicKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // never the value in the message: configuration errors get logged
            throw new IllegalStateException("Not a base64 X25519 public key (X.509)");
        }
    }

    /** A recipient's private key from configuration: base64 of its PKCS #8 encoding. */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(CURVE).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("Not a base64 X25519 private key (PKCS #8)");
        }
    }

    private static PublicKey publicKey(byte[] encoded) throws GeneralSecurityException {
        return KeyFactory.getInstance(CURVE).generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** HKDF-SHA256 with the ephemeral public key as salt; one block is the 32 bytes AES-256 needs. */
    private static SecretKeySpec key(PrivateKey own, PublicKey other, byte[] salt) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance(CURVE);
        agreement.init(own);
        agreement.doPhase(other, true);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] pseudoRandomKey = mac.doFinal(agreement.generateSecret());
        mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
        mac.update(INFO);
        mac.update((byte) 1);
        return new SecretKeySpec(mac.doFinal(), "AES");
    }
}
