package org.chorus.notifications.privacy;

/**
 * An address as it rests in the database: AES-256-GCM ciphertext under the key {@code keyId}, and a keyed hash of
 * its normalised form so the same address can be found again without decrypting every row.
 */
public record SealedEmail(String keyId, byte[] ciphertext, byte[] blindIndex) {
}
