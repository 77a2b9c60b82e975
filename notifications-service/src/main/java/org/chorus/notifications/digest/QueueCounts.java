package org.chorus.notifications.digest;

import java.time.Instant;

/** Counts only: a digest never carries what a story says or who wrote it. */
record QueueCounts(long submitted, long flagged, Instant oldest) {

    boolean isEmpty() {
        return submitted == 0 && flagged == 0;
    }
}
