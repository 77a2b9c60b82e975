package org.chorus.notifications.receipt;

import java.time.Instant;
import java.util.UUID;
import org.chorus.contracts.StoryAuthorOfferedHelp;
import org.chorus.contracts.StoryContactProvided;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryRejected;
import org.chorus.contracts.StorySubmitted;
import org.chorus.messaging.TraceContext;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.SealedEmail;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Mail to a story's author needs two things that travel on different topics and may arrive in either order: what
 * happened to the story (submitted, published, rejected) and the author's contact, which exists only if they
 * consented to be contacted. Whichever comes second queues the mail; one mail of each kind per story. The mail keeps
 * the trace of the delivery that queued it, so its sending joins the story's trace.
 */
@Service
class Receipts {

    static final String RECEIPT = "STORY_RECEIPT";
    static final String PUBLISHED = "STORY_PUBLISHED";
    static final String REJECTED = "STORY_REJECTED";
    /** The hotlines, sent because a moderator was worried for the author. */
    static final String HELP = "STORY_HELP";

    private final DatabaseClient db;
    private final EmailVault vault;
    private final SealedContacts sealedContacts;
    private final TraceContext traces;

    Receipts(DatabaseClient db, EmailVault vault, SealedContacts sealedContacts, TraceContext traces) {
        this.db = db;
        this.vault = vault;
        this.sealedContacts = sealedContacts;
        this.traces = traces;
    }

    Mono<Void> storySubmitted(StorySubmitted event) {
        return db.sql("""
                        insert into submitted_story (story_id, submitted_at) values (:storyId, :at)
                        on conflict do nothing""")
                .bind("storyId", event.storyId())
                .bind("at", event.occurredAt())
                .then()
                .then(queueIfComplete(event.storyId()));
    }

    Mono<Void> storyPublished(StoryPublished event) {
        return decided(event.storyId(), PUBLISHED, event.occurredAt());
    }

    Mono<Void> storyRejected(StoryRejected event) {
        return decided(event.storyId(), REJECTED, event.occurredAt());
    }

    Mono<Void> helpOffered(StoryAuthorOfferedHelp event) {
        return decided(event.storyId(), HELP, event.occurredAt());
    }

    private Mono<Void> decided(UUID storyId, String kind, Instant at) {
        return db.sql("""
                        insert into story_decision (story_id, kind, decided_at) values (:storyId, :kind, :at)
                        on conflict do nothing""")
                .bind("storyId", storyId)
                .bind("kind", kind)
                .bind("at", at)
                .then()
                .then(queueIfComplete(storyId));
    }

    /** The address as stories-service sends it: sealed to this service, opened only to be sealed again at rest. */
    Mono<Void> contactSealed(StoryContactSealed event) {
        return Mono.fromCallable(() -> sealedContacts.email(event))
                .flatMap(email -> contact(event.storyId(), email, event.language()));
    }

    /** The address in clear, as stories-service sent it before it sealed it; records of it may still be on the topic. */
    Mono<Void> contactProvided(StoryContactProvided event) {
        return contact(event.storyId(), event.email(), event.language());
    }

    private Mono<Void> contact(UUID storyId, String email, String language) {
        SealedEmail sealed = vault.seal(email);
        return db.sql("""
                        insert into author_contact (story_id, email_key_id, email_ciphertext, language)
                        values (:storyId, :keyId, :ciphertext, :language)
                        on conflict (story_id) do update set email_key_id = excluded.email_key_id,
                            email_ciphertext = excluded.email_ciphertext, language = excluded.language""")
                .bind("storyId", storyId)
                .bind("keyId", sealed.keyId())
                .bind("ciphertext", sealed.ciphertext())
                .bind("language", language)
                .then()
                .then(queueIfComplete(storyId));
    }

    /** The contact tombstone: the author's address goes, and with it every mail to them not yet sent. */
    Mono<Void> forgetContact(UUID storyId) {
        return db.sql("delete from author_contact where story_id = :storyId").bind("storyId", storyId).then()
                .then(db.sql("delete from outgoing_mail where story_id = :storyId and sent_at is null")
                        .bind("storyId", storyId).then());
    }

    /**
     * Withdrawal erases everything this service knows about the story, not only the address: a stale contact
     * record read after this (the contacts topic may lag the stories topic) finds nothing to queue mail for.
     */
    Mono<Void> storyWithdrawn(UUID storyId) {
        return forgetContact(storyId)
                .then(db.sql("delete from outgoing_mail where story_id = :storyId").bind("storyId", storyId).then())
                .then(db.sql("delete from story_decision where story_id = :storyId").bind("storyId", storyId).then())
                .then(db.sql("delete from submitted_story where story_id = :storyId").bind("storyId", storyId).then());
    }

    private Mono<Void> queueIfComplete(UUID storyId) {
        return Mono.deferContextual(context -> db.sql("""
                        insert into outgoing_mail (id, kind, story_id, language, traceparent)
                        select gen_random_uuid(), what.kind, c.story_id, c.language, cast(:traceparent as text)
                        from author_contact c
                        join (select story_id, :receipt as kind from submitted_story where story_id = :storyId
                              union all
                              select story_id, kind from story_decision where story_id = :storyId) what
                          on what.story_id = c.story_id
                        where c.story_id = :storyId
                        on conflict (kind, story_id) do nothing""")
                .bind("receipt", RECEIPT)
                .bind("storyId", storyId)
                .bind("traceparent", Parameter.fromOrEmpty(traces.traceparent(context), String.class))
                .then());
    }
}
