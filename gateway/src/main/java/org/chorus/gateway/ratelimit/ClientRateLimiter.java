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
        return acquire(clientAddress, kind, limit, windowMillis);
    }

    /** The same in a window of {@code length} milliseconds. */
    long acquire(String clientAddress, String kind, int limit, long length) {
        long now = clock.millis();
        long windowId = now / length;
        long end = (windowId + 1) * length;
        Window window = counters.compute(key(clientAddress, kind), (key, current) ->
                current == null || current.end() != end ? new Window(end, 1) : current.next());
        if (window.count() <= limit) {
            return 0;
        }
        return Math.max(1, (end - now + 999) / 1000);
    }

    /** Takes back one request of the current window of {@code length} milliseconds. */
    void release(String clientAddress, String kind, long length) {
        long end = (clock.millis() / length + 1) * length;
        counters.computeIfPresent(key(clientAddress, kind), (key, current) ->
                current.end() == end && current.count() > 0 ? new Window(end, current.count() - 1) : current);
    }

    /** Forgets every counter whose window has ended. */
    void evictExpired() {
        long now = clock.millis();
        counters.values().removeIf(window -> window.end() <= now);
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

    private record Window(long end, int count) {
        Window next() {
            return new Window(end, count + 1);
        }
    }
}
