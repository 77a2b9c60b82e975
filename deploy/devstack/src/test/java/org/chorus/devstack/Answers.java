package org.chorus.devstack;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A load's answers counted by status (-1: none, the request failed), and the first unexpected ones in words. */
final class Answers {

    private static final int KEPT = 20;

    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    void count(int status) {
        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Counts an unexpected answer and keeps what it said (cut short), when it is among the first few. */
    void count(int status, String what) {
        count(status);
        if (unexpected.size() < KEPT) {
            unexpected.add(Instant.now() + " " + what.substring(0, Math.min(200, what.length())));
        }
    }

    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }
}
