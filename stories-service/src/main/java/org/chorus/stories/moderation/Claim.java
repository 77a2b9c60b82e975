package org.chorus.stories.moderation;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.chorus.stories.story.StoryRow;

/**
 * Who is reviewing a story, until when, and whether it is urgent: a claim is a lease, so a moderator who walks away
 * holds a story only until it runs out. {@code moderator} and {@code expiresAt} are null when no claim is live.
 */
record Claim(boolean urgent, String moderator, Instant expiresAt) {

    /** The story row's columns with the claim's in front, for {@link ClaimedRow#from}. */
    static final String SELECT = "select s.urgent, s.claimed_by, s.claim_expires_at, "
            + StoryRow.SELECT.substring("select ".length());

    boolean heldByAnotherThan(String actor) {
        return moderator != null && !moderator.equals(actor);
    }

    /** A story as stored with its claim as it stands at {@code now}. */
    record ClaimedRow(StoryRow story, Claim claim) {

        static ClaimedRow from(Readable row, Instant now) {
            Instant expires = row.get("claim_expires_at", Instant.class);
            boolean live = expires != null && expires.isAfter(now);
            return new ClaimedRow(StoryRow.from(row), new Claim(Boolean.TRUE.equals(row.get("urgent", Boolean.class)),
                    live ? row.get("claimed_by", String.class) : null, live ? expires : null));
        }
    }
}
