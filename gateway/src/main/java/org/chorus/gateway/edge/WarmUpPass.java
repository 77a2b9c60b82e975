package org.chorus.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What lets the gateway's own warm-up requests (org.chorus.gateway.surge) past the per-client rate limit: they all
 * come from this machine's loopback address, and would otherwise use up that address's reads for a minute. A random
 * value made at start and known to nothing outside this process, good only until the warm-up ends, which is before
 * the gateway reports ready; after that no request carries it.
 */
public final class WarmUpPass {

    public static final String HEADER = "Chorus-Warm-Up";

    private volatile byte[] value;

    public WarmUpPass() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.value = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** The header's value for a warm-up request; empty once the warm-up is over. */
    public String value() {
        byte[] current = value;
        return current == null ? "" : new String(current, StandardCharsets.US_ASCII);
    }

    public boolean carriedBy(ServerHttpRequest request) {
        byte[] current = value;
        if (current == null) {
            // after the warm-up, every request that passes the rate limit asks: no header lookup
            return false;
        }
        String presented = request.getHeaders().getFirst(HEADER);
        return presented != null && MessageDigest.isEqual(current, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** From now on no request is a warm-up request. */
    public void end() {
        value = null;
    }
}
