package org.chorus.stories.story;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The author's only key to their story: 256 random bits, given to them once. Only its SHA-256 is stored, so the
 * database alone cannot manage a story; a plain hash is enough because the token has full entropy (no password to
 * guess), and it lets the hash be looked up through a unique index.
 */
final class ManageToken {

    /** Travels in a header, never in a URL, so it stays out of access logs, browser history and Referer headers. */
    static final String HEADER = "X-Manage-Token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private ManageToken() {
    }

    static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Whether the value could be a token at all; anything else is answered like a wrong token. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
