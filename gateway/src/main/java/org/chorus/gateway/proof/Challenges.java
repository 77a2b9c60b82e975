package org.chorus.gateway.proof;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.gateway.edge.KeyedHash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes and checks ALTCHA challenges. Checking costs one HMAC and one SHA-256 and keeps nothing: whether an answer was
 * already used is {@link SpentChallenges}' question.
 */
final class Challenges {

    static final String ALGORITHM = "SHA-256";
    /** An answer is a few hundred bytes of base64; anything much longer is not one and is not decoded. */
    private static final int MAX_PAYLOAD = 1024;
    private static final Pattern EXPIRES = Pattern.compile("[?&]expires=(\\d{1,12})(?:&|$)");
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyedHash key;
    private final Duration expiry;
    private final SecureRandom random = new SecureRandom();

    Challenges(byte[] key, Duration expiry) {
        this.key = new KeyedHash(key);
        this.expiry = expiry;
    }

    Challenge issue(long maxnumber, Instant now) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String salt = HEX.formatHex(nonce) + "?expires=" + now.plus(expiry).getEpochSecond();
        long number = random.nextLong(maxnumber + 1);
        String challenge = sha256(salt + number);
        return new Challenge(ALGORITHM, challenge, maxnumber, salt, hmac(challenge));
    }

    /** What the browser sent in {@link ProofOfWorkFilter#HEADER}, checked; never throws on what a client sends. */
    Verdict check(String payload, Instant now) {
        if (payload == null || payload.isBlank()) {
            return Verdict.refused("is missing: ask /api/challenge for a challenge and send its solution");
        }
        if (payload.length() > MAX_PAYLOAD) {
            return Verdict.refused("is not a solution");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(Base64.getDecoder().decode(payload.trim()));
        } catch (IllegalArgumentException | JacksonException e) {
            return Verdict.refused("is not a solution");
        }
        if (answer == null || !answer.isObject() || !ALGORITHM.equals(text(answer, "algorithm"))
                || !answer.path("number").isIntegralNumber() || !answer.path("number").canConvertToLong()
                || answer.path("number").asLong() < 0) {
            return Verdict.refused("is not a solution");
        }
        String challenge = text(answer, "challenge");
        String salt = text(answer, "salt");
        String signature = text(answer, "signature");
        if (challenge == null || salt == null || signature == null) {
            return Verdict.refused("is not a solution");
        }
        if (!MessageDigest.isEqual(hmac(challenge).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.refused("was not issued by Chorus");
        }
        Matcher expires = EXPIRES.matcher(salt);
        if (!expires.find() || Long.parseLong(expires.group(1)) < now.getEpochSecond()) {
            return Verdict.refused("has expired: ask for a new challenge");
        }
        if (!sha256(salt + answer.get("number").asLong()).equals(challenge)) {
            return Verdict.refused("does not solve its challenge");
        }
        return Verdict.solved(signature, Duration.ofSeconds(Long.parseLong(expires.group(1)) - now.getEpochSecond() + 1));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && value.asString().length() <= 256 ? value.asString() : null;
    }

    private String hmac(String value) {
        return key.hex(value);
    }

    static String sha256(String value) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A solved challenge names its signature (the key under which it is spent) and how long it could still be
     * replayed; a refused one says why, in words that go after the header's name.
     */
    record Verdict(boolean solved, String signature, Duration replayableFor, String refusal) {

        static Verdict solved(String signature, Duration replayableFor) {
            return new Verdict(true, signature, replayableFor, null);
        }

        static Verdict refused(String refusal) {
            return new Verdict(false, null, Duration.ZERO, refusal);
        }
    }
}
