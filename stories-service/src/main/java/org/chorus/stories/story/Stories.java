package org.chorus.stories.story;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.chorus.contracts.StoryContactProvided;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.chorus.web.InvalidInput;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores stories and, in the same transaction, the events that tell the rest of Chorus about them. */
@Service
class Stories {

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final Clock clock;

    Stories(DatabaseClient db, TransactionalOperator transactional, Outbox outbox) {
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    Mono<SubmittedStory> submit(StorySubmission submission) {
        if (submission.hasContact() != submission.consentsToContact()) {
            return Mono.error(submission.hasContact()
                    ? new InvalidInput("contactConsent", "must be true when a contact email is given")
                    : new InvalidInput("contactEmail", "is required when contact consent is given"));
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Mono<Void> store = db.sql("""
                        insert into story (id, title, body, language, submitted_at)
                        values (:id, :title, :body, :language, :submittedAt)""")
                .bind("id", id)
                .bind("title", Parameter.fromOrEmpty(blankToNull(submission.title()), String.class))
                .bind("body", submission.text())
                .bind("language", submission.language())
                .bind("submittedAt", now)
                .then();
        Mono<Void> events = outbox.append(Topics.STORIES,
                new StorySubmitted(UUID.randomUUID(), now, id, submission.language()));
        if (submission.hasContact()) {
            events = events.then(outbox.append(Topics.STORY_CONTACTS, new StoryContactProvided(
                    UUID.randomUUID(), now, id, submission.contactEmail().strip(), submission.language())));
        }
        return store.then(events)
                .as(transactional::transactional)
                .thenReturn(new SubmittedStory(id, StoryStatus.SUBMITTED));
    }

    /** Oldest first: whoever has waited longest is read first. */
    Flux<QueuedStory> queue(StoryStatus status, int limit) {
        return db.sql("""
                        select id, title, language, status, submitted_at from story
                        where status = :status order by submitted_at limit :limit""")
                .bind("status", status.name())
                .bind("limit", limit)
                .map(row -> new QueuedStory(
                        row.get("id", UUID.class),
                        row.get("title", String.class),
                        row.get("language", String.class),
                        StoryStatus.valueOf(row.get("status", String.class)),
                        row.get("submitted_at", Instant.class)))
                .all();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
