package org.chorus.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters per client, in memory only. The address itself is never kept: the key is a keyed hash
 * whose secret is made at start and never leaves the process, and a counter disappears with its window.
 */
final class ClientRateLimiter {

    private final Clock clock;
    private final long windowMillis;
    private final byte[] secret = new byte[32];
    private final Map<String, Window> counters = new ConcurrentHashMap<>();

    ClientRateLimiter(Clock clock, long windowMillis) {
        this.clock = clock;
        this.windowMillis = windowMillis;
        new SecureRandom().nextBytes(secret);
    }

    /** Counts the request; returns 0 when allowed, otherwise the seconds until the window ends. */
    long acquire(String clientAddress, String kind, int limit) {
        long now = clock.millis();
        long windowId = now / windowMillis;
        Window window = counters.compute(key(clientAddress, kind), (key, current) ->
                current == null || current.id() != windowId ? new Window(windowId, 1) : current.next());
        if (window.count() <= limit) {
            return 0;
        }
        long remaining = (windowId + 1) * windowMillis - now;
        return Math.max(1, (remaining + 999) / 1000);
    }

    /** Forgets every counter of an earlier window. */
    void evictExpired() {
        long windowId = clock.millis() / windowMillis;
        counters.values().removeIf(window -> window.id() < windowId);
    }

    int size() {
        return counters.size();
    }

    private String key(String clientAddress, String kind) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            digest.update(clientAddress.getBytes(StandardCharsets.UTF_8));
            return kind + ":" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Window(long id, int count) {
        Window next() {
            return new Window(id, count + 1);
        }
    }
}
