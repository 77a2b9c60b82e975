package org.chorus.stories.story;

/**
 * What an author is told about when a moderator will read their story, from the queue and the moderators' pace in
 * the last hour: honest rather than reassuring. {@code withinHours} is null when nobody has decided on a story in the
 * last hour (at night, say): then no figure would be true.
 *
 * @param waiting           stories waiting for a moderator
 * @param decidedLastHour   stories published or rejected in the last hour
 * @param withinHours       the queue at that pace, in whole hours, at least 1
 */
public record ExpectedReview(long waiting, long decidedLastHour, Long withinHours) {

    static ExpectedReview of(long waiting, long decidedLastHour) {
        return new ExpectedReview(waiting, decidedLastHour, decidedLastHour == 0 ? null
                : Math.max(1, (waiting + decidedLastHour - 1) / decidedLastHour));
    }
}
