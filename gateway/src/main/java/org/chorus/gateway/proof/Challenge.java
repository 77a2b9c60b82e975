package org.chorus.gateway.proof;

/**
 * An ALTCHA challenge (v1, SHA-256): find {@code number} in [0, maxnumber] with SHA-256(salt + number) = challenge.
 * The signature (HMAC of the challenge under the gateways' key) lets any gateway check an answer without keeping the
 * challenge; the salt carries its expiry ({@code ?expires=} epoch seconds), so the signature covers that too.
 */
record Challenge(String algorithm, String challenge, long maxnumber, String salt, String signature) {
}
