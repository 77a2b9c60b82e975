package org.chorus.notifications.digest;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The moderation queue as far as story events tell it: which stories wait, and why, since when. */
@Component
class ModerationQueue {

    private final DatabaseClient db;

    ModerationQueue(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> waiting(UUID storyId, String reason, Instant since) {
        return db.sql("""
                        insert into waiting_story (story_id, reason, since) values (:storyId, :reason, :since)
                        on conflict do nothing""")
                .bind("storyId", storyId)
                .bind("reason", reason)
                .bind("since", since)
                .then();
    }

    /** A decision (publish, reject) or a withdrawal settles everything that waited on the story. */
    Mono<Void> settled(UUID storyId) {
        return db.sql("delete from waiting_story where story_id = :storyId").bind("storyId", storyId).then();
    }

    Mono<Void> reportsResolved(UUID storyId) {
        return db.sql("delete from waiting_story where story_id = :storyId and reason = 'flagged'")
                .bind("storyId", storyId).then();
    }

    Mono<QueueCounts> counts() {
        return db.sql("""
                        select count(*) filter (where reason = 'submitted') as submitted,
                               count(*) filter (where reason = 'flagged') as flagged,
                               min(since) as oldest
                        from waiting_story""")
                .map(row -> new QueueCounts(row.get("submitted", Long.class), row.get("flagged", Long.class),
                        row.get("oldest", Instant.class)))
                .one();
    }
}
