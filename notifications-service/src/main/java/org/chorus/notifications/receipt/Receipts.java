package org.chorus.notifications.receipt;

import java.util.UUID;
import org.chorus.contracts.StoryContactProvided;
import org.chorus.contracts.StorySubmitted;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The author's receipt needs two events that travel on different topics and may arrive in either order: the
 * submission and the contact. Whichever comes second queues the mail.
 */
@Service
class Receipts {

    static final String KIND = "STORY_RECEIPT";

    private final DatabaseClient db;

    Receipts(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> storySubmitted(StorySubmitted event) {
        return db.sql("""
                        insert into submitted_story (story_id, submitted_at) values (:storyId, :at)
                        on conflict do nothing""")
                .bind("storyId", event.storyId())
                .bind("at", event.occurredAt())
                .then()
                .then(queueReceiptIfComplete(event.storyId()));
    }

    Mono<Void> contactProvided(StoryContactProvided event) {
        return db.sql("""
                        insert into author_contact (story_id, email, language) values (:storyId, :email, :language)
                        on conflict (story_id) do update set email = excluded.email, language = excluded.language""")
                .bind("storyId", event.storyId())
                .bind("email", event.email())
                .bind("language", event.language())
                .then()
                .then(queueReceiptIfComplete(event.storyId()));
    }

    Mono<Void> forgetContact(UUID storyId) {
        return db.sql("delete from author_contact where story_id = :storyId").bind("storyId", storyId).then()
                .then(db.sql("delete from outgoing_mail where story_id = :storyId and sent_at is null")
                        .bind("storyId", storyId).then());
    }

    private Mono<Void> queueReceiptIfComplete(UUID storyId) {
        return db.sql("""
                        insert into outgoing_mail (id, kind, story_id, recipient, language)
                        select :id, :kind, c.story_id, c.email, c.language
                        from author_contact c join submitted_story s on s.story_id = c.story_id
                        where c.story_id = :storyId
                        on conflict (kind, story_id) do nothing""")
                .bind("id", UUID.randomUUID())
                .bind("kind", KIND)
                .bind("storyId", storyId)
                .then();
    }
}
