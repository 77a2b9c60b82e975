package org.chorus.stories.story;

import org.chorus.stories.consent.ConsentPurpose;
import org.chorus.stories.consent.ConsentState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.chorus.stories.consent.ConsentLedger;
import org.chorus.stories.encryption.ContactSealing;
import org.chorus.stories.encryption.DataKey;
import org.chorus.stories.encryption.DataKeys;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.ContentWarning;
import org.chorus.stories.taxonomy.Theme;
import org.chorus.web.InvalidInput;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The author's side: sharing a story, reading it back and withdrawing it with the manage token. Each change and
 * the events that report it commit in one transaction; the outbox relay publishes after the commit.
 */
@Service
class Stories {

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final DataKeys dataKeys;
    private final ContactSealing contactSealing;
    private final ConsentLedger consents;
    private final Revisions revisions;
    private final Bylines bylines;
    private final ReviewEstimates reviewEstimates;
    private final Clock clock;

    Stories(DatabaseClient db, TransactionalOperator transactional, Outbox outbox, DataKeys dataKeys,
            ContactSealing contactSealing, ConsentLedger consents, Revisions revisions, Bylines bylines,
            ReviewEstimates reviewEstimates, Clock clock) {
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.dataKeys = dataKeys;
        this.contactSealing = contactSealing;
        this.consents = consents;
        this.revisions = revisions;
        this.bylines = bylines;
        this.reviewEstimates = reviewEstimates;
        this.clock = clock;
    }

    /** A submission's answer, and whether it stored the story ({@code false}: it was stored by an earlier attempt). */
    record Accepted(SubmittedStory story, boolean first) {
    }

    /**
     * @param chosenToken the manage token the author's page chose, or null for one chosen here; a story already stored
     *                    under it is answered as it is (a retry), not stored twice
     */
    Mono<Accepted> submit(StorySubmission submission, String chosenToken) {
        if (chosenToken != null && !ManageToken.wellFormed(chosenToken)) {
            return Mono.error(new InvalidInput(ManageToken.HEADER, "must be 256 random bits in base64url (43 characters)"));
        }
        if (submission.hasContact() != submission.consentsToContact()) {
            return Mono.error(submission.hasContact()
                    ? new InvalidInput("contactConsent", "must be true when a contact email is given")
                    : new InvalidInput("contactEmail", "is required when contact consent is given"));
        }
        List<String> warnings = ContentWarning.validated(submission.contentWarnings(), "contentWarnings");
        AuthorName author = submission.author();
        List<String> themes = Theme.ofStory(submission.themes(), "themes");
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String token = chosenToken != null ? chosenToken : ManageToken.generate();
        DataKey key = dataKeys.generate();
        String title = StoryRow.blankToNull(submission.title());
        List<Outbox.Pending> events = new ArrayList<>(List.of(new Outbox.Pending(Topics.STORIES,
                new StorySubmitted(UUID.randomUUID(), now, id, submission.language()))));
        if (submission.hasContact()) {
            // sealed before it reaches the outbox row: no copy of the row (WAL, backups) or of the record holds it clear
            events.add(new Outbox.Pending(Topics.STORY_CONTACTS, contactSealing.sealed(
                    UUID.randomUUID(), now, id, submission.contactEmail().strip(), submission.language())));
        }
        // the story, its data key, the consent decisions and the events in one statement: atomic without a
        // transaction, and one round trip instead of six (BEGIN, four writes, COMMIT) on the path a surge takes
        GenericExecuteSpec store = db.sql("""
                        with stored as (
                            insert into story (id, manage_token_hash, language, content_warnings, title_sealed,
                                               text_sealed, submitted_at, named_as, name_sealed, suggested_themes, urgent)
                            values (:id, :tokenHash, :language, cast(:warnings as text[]), :title, :text, :submittedAt,
                                    :namedAs, :name, cast(:themes as text[]), :urgent)
                            returning id),
                        data_key as (
                            insert into story_data_key (story_id, master_key_id, wrapped_key)
                            select id, :keyId, :wrapped from stored),
                        consents as (%s),
                        events as (%s)
                        select id from stored""".formatted(ConsentLedger.INSERT, Outbox.INSERT_ALL))
                .bind("id", id)
                .bind("tokenHash", ManageToken.hash(token))
                .bind("language", submission.language())
                .bind("warnings", warnings.toArray(String[]::new))
                .bind("title", Parameter.fromOrEmpty(
                        title == null ? null : key.seal(title, StoryRow.context(id, "title")), byte[].class))
                .bind("text", key.seal(submission.text(), StoryRow.context(id, "text")))
                .bind("submittedAt", now)
                .bind("namedAs", author.namedAs().slug())
                .bind("name", Parameter.fromOrEmpty(Bylines.seal(id, author, key, "name"), byte[].class))
                .bind("themes", themes.toArray(String[]::new))
                .bind("urgent", Urgency.of(title, submission.text(), warnings))
                .bind("keyId", key.masterKeyId())
                .bind("wrapped", key.wrapped());
        GenericExecuteSpec withConsents = ConsentLedger.bind(store, id, submission.consentDecisions(), now);
        // the request's trace goes into the outbox rows, so the events' publication continues it
        return Mono.deferContextual(context -> outbox.bindAll(withConsents, events, context).then())
                .then(reviewEstimates.current().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(review -> new Accepted(new SubmittedStory(id, StoryStatus.SUBMITTED, token, review.orElse(null)),
                        true))
                // the token's unique index refused the one statement: nothing of this attempt was stored
                .onErrorResume(DataIntegrityViolationException.class, refused -> chosenToken == null
                        ? Mono.error(refused) : alreadySubmitted(chosenToken).switchIfEmpty(Mono.error(refused)));
    }

    /** The story an earlier attempt stored under this token, as it is now. */
    private Mono<Accepted> alreadySubmitted(String token) {
        return db.sql("select id, status from story where manage_token_hash = :hash")
                .bind("hash", ManageToken.hash(token))
                .map((row, meta) -> new Accepted(new SubmittedStory(row.get("id", UUID.class),
                        StoryStatus.valueOf(row.get("status", String.class)), token, null), false))
                .one();
    }

    /** The author's own story, unsealed for them. */
    Mono<ManagedStory> managed(String token) {
        if (!ManageToken.wellFormed(token)) {
            return Mono.error(noStoryForToken());
        }
        return db.sql(StoryRow.SELECT + " where s.manage_token_hash = :hash")
                .bind("hash", ManageToken.hash(token))
                .map(StoryRow::from)
                .one()
                .switchIfEmpty(Mono.error(noStoryForToken()))
                .flatMap(row -> Mono.zip(consents.current(row.id()), revisions.pending(row).map(Optional::of)
                        .defaultIfEmpty(Optional.empty())).map(extra -> {
                    StoryRow.Opened opened = row.open(dataKeys);
                    return new ManagedStory(row.id(), row.status(), opened.title(), opened.text(), row.language(),
                            row.contentWarnings(), opened.author().namedAs(), opened.author().name(),
                            row.suggestedThemes(), row.rejectionReason(), row.submittedAt(), extra.getT1(),
                            extra.getT2().orElse(null), row.revisionFeedback());
                }));
    }

    /**
     * The author's edit. Before a moderator has decided, it replaces the story (and makes a moderator's open view
     * of it stale). Once published, it waits as a revision for review and the approved version stays up, except
     * that going anonymous takes the name off the public copy at once: hiding who you are never waits for review.
     * A rejected story is not edited: its author can share it again.
     */
    Mono<ManagedStory> edit(String token, StoryEdit edit) {
        if (!ManageToken.wellFormed(token)) {
            return Mono.error(noStoryForToken());
        }
        List<String> warnings = ContentWarning.validated(edit.contentWarnings(), "contentWarnings");
        AuthorName author = edit.author();
        List<String> themes = edit.themes() == null ? null : Theme.ofStory(edit.themes(), "themes");
        String title = StoryRow.blankToNull(edit.title());
        // decided again from what the moderator will now read: the edit or revision may say what the story did not
        boolean urgent = Urgency.of(title, edit.text(), warnings);
        Instant now = clock.instant();
        return db.sql(StoryRow.SELECT + " where s.manage_token_hash = :hash for update of s")
                .bind("hash", ManageToken.hash(token))
                .map(StoryRow::from)
                .one()
                .switchIfEmpty(Mono.error(noStoryForToken()))
                .flatMap(row -> switch (row.status()) {
                    case SUBMITTED -> {
                        DataKey key = row.dataKey(dataKeys);
                        yield db.sql("""
                                        update story set title_sealed = :title, text_sealed = :text,
                                            content_warnings = cast(:warnings as text[]), urgent = :urgent,
                                            version = version + 1
                                        where id = :id""")
                                .bind("title", Parameter.fromOrEmpty(
                                        title == null ? null : key.seal(title, StoryRow.context(row.id(), "title")), byte[].class))
                                .bind("text", key.seal(edit.text(), StoryRow.context(row.id(), "text")))
                                .bind("warnings", warnings.toArray(String[]::new))
                                .bind("urgent", urgent)
                                .bind("id", row.id())
                                .then()
                                .then(author == null ? Mono.<Void>empty() : bylines.onStory(row.id(), author, key));
                    }
                    case PUBLISHED -> {
                        boolean goesAnonymous = author != null && author.anonymous();
                        yield revisions.save(row, title, edit.text(), warnings, goesAnonymous ? null : author, now)
                                .then(db.sql("""
                                                update story set revision_feedback = null, urgent = :urgent,
                                                                 version = version + 1
                                                where id = :id""")
                                        .bind("urgent", urgent).bind("id", row.id()).then())
                                .then(goesAnonymous
                                        ? bylines.onStory(row.id(), author, row.dataKey(dataKeys))
                                                .then(bylines.onPublishedCopy(row.id(), author))
                                        : Mono.empty());
                    }
                    case REJECTED -> Mono.<Void>error(new ResponseStatusException(HttpStatus.CONFLICT,
                            "A rejected story cannot be edited; you are welcome to share it again as a new story."));
                })
                .then(themes == null ? Mono.empty() : db.sql("""
                                update story set suggested_themes = cast(:themes as text[])
                                where manage_token_hash = :hash""")
                        .bind("themes", themes.toArray(String[]::new)).bind("hash", ManageToken.hash(token)).then())
                .as(transactional::transactional)
                .then(Mono.defer(() -> managed(token)));
    }

    /**
     * Records the author's changed consents. Withdrawing contact consent also tells the contacts topic to forget
     * the address. A published story stays up only with consent to publish it, and taking it down is what
     * withdrawal is for, so revoking that consent on a published story is refused with that advice.
     */
    Mono<ConsentState> changeConsents(String token, ConsentChange change) {
        if (!ManageToken.wellFormed(token)) {
            return Mono.error(noStoryForToken());
        }
        Instant now = clock.instant();
        return db.sql("select id, status from story where manage_token_hash = :hash for update")
                .bind("hash", ManageToken.hash(token))
                .map(row -> Map.entry(row.get("id", UUID.class), StoryStatus.valueOf(row.get("status", String.class))))
                .one()
                .switchIfEmpty(Mono.error(noStoryForToken()))
                .flatMap(story -> consents.current(story.getKey()).flatMap(current -> {
                    UUID id = story.getKey();
                    Map<ConsentPurpose, Boolean> changed = new EnumMap<>(ConsentPurpose.class);
                    change.asked().forEach((purpose, granted) -> {
                        if (current.granted(purpose) != granted) {
                            changed.put(purpose, granted);
                        }
                    });
                    if (Boolean.TRUE.equals(changed.get(ConsentPurpose.CONTACT))) {
                        return Mono.error(new InvalidInput("contact",
                                "can only be withdrawn here; to be contacted, share your email with a new story"));
                    }
                    if (Boolean.FALSE.equals(changed.get(ConsentPurpose.PUBLISH_ON_SITE)) && story.getValue() == StoryStatus.PUBLISHED) {
                        return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                                "Your story is published. To take it down, withdraw it: that erases it everywhere."));
                    }
                    Mono<Void> forgetContact = Boolean.FALSE.equals(changed.get(ConsentPurpose.CONTACT))
                            ? outbox.appendTombstone(Topics.STORY_CONTACTS, id.toString())
                            : Mono.empty();
                    return consents.record(id, changed, now).then(forgetContact).then(consents.current(id));
                }))
                .as(transactional::transactional);
    }

    /**
     * Erases the story: its row, its data key, its published copy and its reports go (the key and the rest by
     * cascade, in the same statement), and the rest of Chorus is told to forget it, the contacts topic by a tombstone
     * that compaction turns into the record's removal. The audit log keeps only the story id.
     */
    Mono<Void> withdraw(String token) {
        if (!ManageToken.wellFormed(token)) {
            return Mono.error(noStoryForToken());
        }
        Instant now = clock.instant();
        return db.sql("delete from story where manage_token_hash = :hash returning id")
                .bind("hash", ManageToken.hash(token))
                .map(row -> row.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(noStoryForToken()))
                .flatMap(id -> outbox.append(Topics.STORIES,
                                new StoryWithdrawn(UUID.randomUUID(), now, id, StoryWithdrawn.BY_AUTHOR))
                        .then(outbox.appendTombstone(Topics.STORY_CONTACTS, id.toString())))
                .as(transactional::transactional);
    }

    /** One answer for a missing, malformed, unknown or withdrawn token, so the answer tells a guesser nothing. */
    private static ResponseStatusException noStoryForToken() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No story matches this manage link.");
    }
}
