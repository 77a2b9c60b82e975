package org.chorus.stories.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.chorus.messaging.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Erases rejected stories once their retention has passed, as a withdrawal would: rows and data key go, the rest of
 * Chorus is told with {@code StoryWithdrawn} (reason {@code retention}), and a tombstone makes the contacts topic
 * forget the author's address, all through the outbox in the transaction of the delete. Several instances may run
 * this at once: each round takes only rows no other round has locked. It runs on the platform's {@link PollingLoop},
 * every {@code chorus.stories.retention.purge-every} ({@link RetentionProperties}), at once again while full
 * batches keep coming.
 */
@Component
class RejectedStoryRetention extends PollingLoop {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(RejectedStoryRetention.class);
    /** A batch is one statement and its outbox rows; far longer means the database is in trouble. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final RetentionProperties retention;
    private final Clock clock;

    RejectedStoryRetention(DatabaseClient db, TransactionalOperator transactional, Outbox outbox,
                           RetentionProperties retention, Clock clock) {
        super("rejected-story-retention");
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    protected Duration firstDelay() {
        return retention.purgeEvery();
    }

    /** One batch; the next at once when it was full (more has expired), else after {@code purge-every}. */
    @Override
    protected Duration round() {
        try {
            // the loop's thread is its own, not an event loop, so blocking here is fine
            Long purged = purge().block(TIMEOUT);
            return purged != null && purged >= BATCH ? Duration.ZERO : retention.purgeEvery();
        } catch (RuntimeException e) {
            // the class only: a database message can carry row content
            log.warn("Purging rejected stories failed, retrying in {}: {}", retention.purgeEvery(), e.getClass().getName());
            return retention.purgeEvery();
        }
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
