package org.chorus.stories.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Erases rejected stories once their retention has passed, as a withdrawal would: rows and data key go, the rest of
 * Chorus is told with {@code StoryWithdrawn} (reason {@code retention}), and a tombstone makes the contacts topic
 * forget the author's address, all through the outbox in the transaction of the delete. Several instances may run
 * this at once: each round takes only rows no other round has locked.
 */
@Component
class RejectedStoryRetention {

    private static final int BATCH = 500;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final RetentionProperties retention;
    private final Clock clock;

    RejectedStoryRetention(DatabaseClient db, TransactionalOperator transactional, Outbox outbox,
                           RetentionProperties retention, Clock clock) {
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${chorus.stories.retention.purge-every:1h}", initialDelayString = "${chorus.stories.retention.purge-every:1h}")
    Mono<Long> purgeOnSchedule() {
        return purge();
    }

    /** Erases one batch of expired rejected stories; emits how many. */
    Mono<Long> purge() {
        Instant now = clock.instant();
        return db.sql("""
                        delete from story where id in (
                            select id from story where status = 'REJECTED' and decided_at < :cutoff
                            order by decided_at limit :batch for update skip locked)
                        returning id""")
                .bind("cutoff", now.minus(retention.rejectedStories()))
                .bind("batch", BATCH)
                .map(row -> row.get("id", UUID.class))
                .all()
                .concatMap(id -> outbox.append(Topics.STORIES,
                                new StoryWithdrawn(UUID.randomUUID(), now, id, StoryWithdrawn.RETENTION))
                        .then(outbox.appendTombstone(Topics.STORY_CONTACTS, id.toString()))
                        .thenReturn(id))
                .count()
                .as(transactional::transactional);
    }
}
