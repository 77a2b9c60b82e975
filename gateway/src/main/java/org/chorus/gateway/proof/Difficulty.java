package org.chorus.gateway.proof;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorus.gateway.edge.ClientAddress;
import org.chorus.gateway.edge.KeyedHash;

/**
 * How hard the next challenge is for a client: harder for a client that has just written several times (a survivor
 * shares one story; a program shares hundreds), and harder for everyone while this gateway takes more writes a second
 * than a surge is expected to bring. Kept in this gateway's memory only, under a keyed hash of the client's address
 * made at start, and forgotten after {@code recentWrites}.
 */
final class Difficulty {

    private static final int MAX_DOUBLINGS = 20;

    private final ProofOfWorkProperties properties;
    private final Clock clock;
    private final Cache<String, AtomicInteger> recentWrites;
    private final KeyedHash key;
    private long second;
    private int writesThisSecond;
    private int writesLastSecond;

    Difficulty(ProofOfWorkProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.recentWrites = Caffeine.newBuilder().expireAfterWrite(properties.recentWrites())
                .maximumSize(1_000_000).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new KeyedHash(secret);
    }

    long forClient(ClientAddress client) {
        AtomicInteger writes = recentWrites.getIfPresent(hash(client));
        int doublings = Math.min(MAX_DOUBLINGS, (writes == null ? 0 : writes.get()) / properties.writesPerStep());
        long surge = Math.max(1, writesPerSecond() / Math.max(1, properties.surgeWritesPerSecond()));
        long difficulty = properties.difficulty() * (1L << doublings);
        return Math.min(properties.maxDifficulty(), difficulty > properties.maxDifficulty() / surge
                ? properties.maxDifficulty() : difficulty * surge);
    }

    /** A write that came with a good solution. */
    void wrote(ClientAddress client) {
        recentWrites.get(hash(client), unused -> new AtomicInteger()).incrementAndGet();
        synchronized (this) {
            roll();
            writesThisSecond++;
        }
    }

    /** The writes of the last whole second, or of this one once it has more. */
    synchronized int writesPerSecond() {
        roll();
        return Math.max(writesThisSecond, writesLastSecond);
    }

    private void roll() {
        long now = clock.millis() / 1000;
        if (now != second) {
            writesLastSecond = now == second + 1 ? writesThisSecond : 0;
            writesThisSecond = 0;
            second = now;
        }
    }

    private String hash(ClientAddress client) {
        return key.shortHex(client.countingUnit());
    }
}
