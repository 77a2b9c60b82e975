package org.chorus.stories.moderation;

import java.time.Instant;
import java.util.List;

/**
 * The moderation queue at a glance: stories waiting, how many of them are urgent or claimed right now, when the
 * oldest was shared and how long it has waited, and each moderator's decisions in the last hour.
 */
record QueueStats(long waiting, long urgent, long claimed, Instant oldestSubmittedAt, Long oldestWaitSeconds,
                  List<Pace> decisionsLastHour) {

    QueueStats withPaces(List<Pace> paces) {
        return new QueueStats(waiting, urgent, claimed, oldestSubmittedAt, oldestWaitSeconds, paces);
    }

    /** One moderator's decisions (publish, reject, take down, revisions, flags) in the last hour. */
    record Pace(String moderator, long decisions) {
    }
}
