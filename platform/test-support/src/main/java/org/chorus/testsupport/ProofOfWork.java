package org.chorus.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Solves the gateway's proof-of-work the way the site's browser code does (ALTCHA's scheme: the number whose SHA-256
 * with the salt is the challenge), for tests that send anonymous writes through a gateway without a browser. What it
 * sends is only what any client could send: it knows no key.
 */
public final class ProofOfWork {

    /** The header an anonymous write carries its solution in (the gateway's {@code ProofOfWorkGatewayFilterFactory}). */
    public static final String HEADER = "Chorus-Proof";

    private ProofOfWork() {
    }

    /** Asks the gateway at {@code gateway} (for example {@code http://127.0.0.1:8080}) for a challenge and solves it. */
    public static String solve(HttpClient http, String gateway) throws IOException, InterruptedException {
        HttpResponse<String> challenge = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/challenge"))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (challenge.statusCode() != 200) {
            throw new IllegalStateException("the gateway gave no challenge: " + challenge.statusCode());
        }
        return solve(challenge.body());
    }

    /** The header value solving the challenge the gateway answered with (its JSON). */
    public static String solve(String challengeJson) {
        String algorithm = field(challengeJson, "algorithm");
        String challenge = field(challengeJson, "challenge");
        String salt = field(challengeJson, "salt");
        String signature = field(challengeJson, "signature");
        long maxnumber = Long.parseLong(field(challengeJson, "maxnumber"));
        for (long number = 0; number <= maxnumber; number++) {
            if (sha256(salt + number).equals(challenge)) {
                String answer = "{\"algorithm\":\"%s\",\"challenge\":\"%s\",\"number\":%d,\"salt\":\"%s\",\"signature\":\"%s\"}"
                        .formatted(algorithm, challenge, number, salt, signature);
                return Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new IllegalStateException("no number up to " + maxnumber + " solves the challenge");
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("the challenge has no " + name);
        }
        return value.group(1);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
