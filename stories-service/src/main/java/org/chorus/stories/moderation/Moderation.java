package org.chorus.stories.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chorus.contracts.StoryAuthorOfferedHelp;
import org.chorus.contracts.StoryFlagged;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryRejected;
import org.chorus.contracts.StoryReportsResolved;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.chorus.stories.consent.ConsentLedger;
import org.chorus.stories.encryption.DataKey;
import org.chorus.stories.encryption.DataKeys;
import org.chorus.stories.story.Bylines;
import org.chorus.stories.story.PendingRevision;
import org.chorus.stories.story.Revisions;
import org.chorus.stories.story.StoryRow;
import org.chorus.stories.story.StoryStatus;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.ContentWarning;
import org.chorus.stories.taxonomy.ReportReason;
import org.chorus.stories.taxonomy.Theme;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The staff side of the lifecycle: {@code SUBMITTED → PUBLISHED | REJECTED}, and a published story can still be
 * rejected (taken down). A decision names the version the moderator saw; the row is locked while it is checked,
 * so of two moderators acting on the same story one wins and the other is told it changed. Every action, reads of
 * the unsealed text included, is written to the audit log in the same transaction.
 */
@Service
class Moderation {

    /** The audited actions that are decisions, for each moderator's pace. */
    private static final String DECISIONS = """
            'PUBLISHED', 'PUBLISHED_WITH_REDACTIONS', 'REJECTED', 'REJECTED_IN_BULK', 'TAKEN_DOWN',
            'REVISION_APPROVED', 'REVISION_APPROVED_WITH_REDACTIONS', 'REVISION_REJECTED', 'FLAGGED'""";

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final DataKeys dataKeys;
    private final ConsentLedger consents;
    private final Revisions revisions;
    private final Bylines bylines;
    private final Clock clock;
    private final Duration lease;

    Moderation(DatabaseClient db, TransactionalOperator transactional, Outbox outbox, DataKeys dataKeys,
               ConsentLedger consents, Revisions revisions, Bylines bylines, Clock clock,
               ModerationProperties properties) {
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.dataKeys = dataKeys;
        this.consents = consents;
        this.revisions = revisions;
        this.bylines = bylines;
        this.clock = clock;
        this.lease = properties.lease();
    }

    /**
     * Urgent first (self-harm, immediate danger), then oldest first: whoever has waited longest is read first.
     * Flagged: stories with a report nobody resolved. Revisions: published stories with an author's edit waiting.
     */
    Flux<QueuedStory> queue(StoryStatus status, boolean flagged, boolean revisionsWaiting, int limit) {
        String where = flagged
                ? " where exists (select 1 from story_report r where r.story_id = s.id and r.resolved_at is null)"
                : revisionsWaiting
                ? " where exists (select 1 from story_revision v where v.story_id = s.id)"
                : " where s.status = :status";
        var spec = db.sql(Claim.SELECT + where + " order by s.urgent desc, s.submitted_at limit :limit").bind("limit", limit);
        if (!flagged && !revisionsWaiting) {
            spec = spec.bind("status", status.name());
        }
        Instant now = clock.instant();
        return spec.map((readable, meta) -> Claim.ClaimedRow.from(readable, now)).all()
                .map(claimed -> {
                    StoryRow row = claimed.story();
                    Claim claim = claimed.claim();
                    return new QueuedStory(row.id(), row.title(dataKeys), row.language(), row.status(),
                            row.submittedAt(), row.version(), row.contentWarnings(), claim.urgent(),
                            claim.moderator(), claim.expiresAt());
                });
    }

    Mono<ModeratedStory> story(UUID id, String actor) {
        Instant now = clock.instant();
        return db.sql(Claim.SELECT + " where s.id = :id").bind("id", id)
                .map((readable, meta) -> Claim.ClaimedRow.from(readable, now)).one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .flatMap(claimed -> {
                    StoryRow row = claimed.story();
                    Claim claim = claimed.claim();
                    return Mono.zip(openReports(id), consents.current(id),
                            revisions.pending(row).map(Optional::of).defaultIfEmpty(Optional.empty())).flatMap(extra -> {
                        StoryRow.Opened opened = row.open(dataKeys);
                        PendingRevision revision = extra.getT3().orElse(null);
                        return hints(opened.text(), revision).flatMap(hints -> audit(id, actor, "VIEWED")
                                .thenReturn(new ModeratedStory(row.id(), row.status(),
                                        row.version(), row.language(), opened.title(), opened.text(),
                                        opened.author().namedAs(), opened.author().name(), row.suggestedThemes(),
                                        row.contentWarnings(),
                                        row.rejectionReason(), row.submittedAt(), extra.getT1().size(), extra.getT1(),
                                        extra.getT2(),
                                        hints.get(0), revision, hints.get(1), claim.urgent(), claim.moderator(),
                                        claim.expiresAt())));
                    });
                });
    }

    /**
     * Claims the next waiting story for {@code actor}, urgent first and then oldest first, and opens it. Stories
     * someone else holds are passed over, and so are the locked rows of a claim being taken at this moment (skip
     * locked), so moderators asking at once never wait for each other and never get the same story. A story the
     * moderator already holds comes back to them (a reload resumes the work); {@code skip} names the ones they
     * passed over. A story with an open report or flag waits in the reported queue for a second look instead.
     * Empty when nothing is left to claim.
     */
    Mono<ModeratedStory> claimNext(List<UUID> skip, String actor) {
        Instant now = clock.instant();
        return db.sql("""
                        with next as (select id, coalesce(claimed_by = :actor and claim_expires_at > :now, false) as held
                                      from story
                                      where status = 'SUBMITTED'
                                        and (claim_expires_at is null or claim_expires_at <= :now or claimed_by = :actor)
                                        and not (id = any (cast(cast(:skip as text[]) as uuid[])))
                                        and not exists (select 1 from story_report r
                                                        where r.story_id = story.id and r.resolved_at is null)
                                      order by urgent desc, submitted_at
                                      limit 1
                                      for update skip locked)
                        update story set claimed_by = :actor, claim_expires_at = :expires
                        from next where story.id = next.id
                        returning story.id, next.held""")
                .bind("actor", actor).bind("expires", now.plus(lease)).bind("now", now)
                .bind("skip", skip.stream().map(UUID::toString).toArray(String[]::new))
                .map(row -> new Taken(row.get("id", UUID.class), Boolean.TRUE.equals(row.get("held", Boolean.class))))
                .one()
                // a reload hands back the story the moderator already holds: that is no new claim
                .flatMap(taken -> (taken.renewal() ? Mono.<Void>empty() : audit(taken.id(), actor, "CLAIMED"))
                        .thenReturn(taken.id()))
                .as(transactional::transactional)
                .flatMap(id -> story(id, actor));
    }

    /** Claims one story, or renews the moderator's claim on it, and opens it; refused while someone else holds it. */
    Mono<ModeratedStory> claim(UUID id, String actor) {
        return renew(id, actor).then(Mono.defer(() -> story(id, actor)));
    }

    /**
     * Claims one story, or renews the moderator's live claim on it, without opening it; refused while someone else
     * holds it. Only taking the claim is audited: the portal renews a claim every two minutes while its moderator
     * reads, and a renewal is neither a new claim nor a read of the text.
     */
    Mono<Instant> renew(UUID id, String actor) {
        Instant now = clock.instant();
        Instant expires = now.plus(lease);
        return db.sql("select claimed_by, claim_expires_at from story where id = :id for update").bind("id", id)
                .map(row -> new Claim(false, row.get("claimed_by", String.class), row.get("claim_expires_at", Instant.class)))
                .one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .flatMap(held -> {
                    boolean live = held.moderator() != null && held.expiresAt() != null && held.expiresAt().isAfter(now);
                    if (live && !held.moderator().equals(actor)) {
                        return Mono.error(heldBy(held));
                    }
                    return db.sql("update story set claimed_by = :actor, claim_expires_at = :expires where id = :id")
                            .bind("actor", actor).bind("expires", expires).bind("id", id).then()
                            .then(live ? Mono.<Void>empty() : audit(id, actor, "CLAIMED"))
                            .thenReturn(expires);
                })
                .as(transactional::transactional);
    }

    /** The story a claim went to, and whether the moderator already held it (then the claim was only renewed). */
    private record Taken(UUID id, boolean renewal) {
    }

    /** Gives a story back to the queue; releasing a story one does not hold changes nothing. */
    Mono<Void> release(UUID id, String actor) {
        Instant now = clock.instant();
        return db.sql("""
                        update story set claimed_by = null, claim_expires_at = null
                        where id = :id and claimed_by = :actor returning id""")
                .bind("id", id).bind("actor", actor)
                .map(row -> row.get("id", UUID.class)).one()
                .flatMap(released -> audit(id, actor, "RELEASED").thenReturn(released))
                .switchIfEmpty(Mono.defer(() -> whyNotClaimed(id, now).onErrorResume(
                        error -> error instanceof ResponseStatusException e && e.getStatusCode() == HttpStatus.NOT_FOUND,
                        error -> Mono.empty())))
                .then()
                .as(transactional::transactional);
    }

    /** Empty when nobody else holds a live claim on the story; otherwise the answer that says who does. */
    private Mono<UUID> whyNotClaimed(UUID id, Instant now) {
        return db.sql("select claimed_by, claim_expires_at from story where id = :id").bind("id", id)
                .map(row -> new Claim(false, row.get("claimed_by", String.class), row.get("claim_expires_at", Instant.class)))
                .one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .flatMap(claim -> claim.moderator() != null && claim.expiresAt().isAfter(now)
                        ? Mono.error(heldBy(claim)) : Mono.empty());
    }

    /**
     * A moderator flags a story for a second look: it joins the reported queue with the reason they chose, the
     * moderators' digest hears of it, and their claim is given up so a colleague can take it.
     */
    Mono<Void> flag(UUID id, ReportReason reason, String actor) {
        Instant now = clock.instant();
        return db.sql("select 1 from story where id = :id for update").bind("id", id)
                .map(row -> 1).one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .then(db.sql("insert into story_report (id, story_id, reason, reported_at) values (:id, :storyId, :reason, :now)")
                        .bind("id", UUID.randomUUID()).bind("storyId", id).bind("reason", reason.name()).bind("now", now)
                        .then())
                .then(db.sql("update story set claimed_by = null, claim_expires_at = null where id = :id and claimed_by = :actor")
                        .bind("id", id).bind("actor", actor).then())
                .then(outbox.append(Topics.STORIES, new StoryFlagged(UUID.randomUUID(), now, id, reason.name())))
                .then(audit(id, actor, "FLAGGED"))
                .as(transactional::transactional);
    }

    /**
     * Sends the author the hotlines (the story mentions self-harm or danger): notifications-service mails them to
     * the address the author left, which exists only with their consent to be contacted. Refused when there is no
     * such consent, so the moderator knows the author cannot be reached and nothing is queued in vain. Once per
     * story: notifications-service sends one such mail per story, whatever the repeats.
     */
    Mono<Void> offerHelp(UUID id, String actor) {
        Instant now = clock.instant();
        return db.sql("select 1 from story where id = :id for update").bind("id", id)
                .map(row -> 1).one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .then(consents.current(id))
                .flatMap(consent -> consent.contact() ? Mono.<Void>empty() : Mono.error(new ResponseStatusException(
                        HttpStatus.CONFLICT, "The author did not consent to be contacted, so they cannot be sent the hotlines.")))
                .then(outbox.append(Topics.STORIES, new StoryAuthorOfferedHelp(UUID.randomUUID(), now, id)))
                .then(audit(id, actor, "HELP_OFFERED"))
                .as(transactional::transactional);
    }

    /**
     * Rejects obvious spam many at a time. Each story is decided on its own, as a single rejection would be (its
     * version checked, nobody else's claim overridden), so one that changed does not hold the others back; the
     * answer says what became of each.
     */
    Flux<BulkRejection.Outcome> rejectInBulk(BulkRejection bulk, String actor) {
        return Flux.fromIterable(bulk.stories())
                .concatMap(story -> reject(story.id(), new Rejection(story.version(), bulk.reason()), actor, "REJECTED_IN_BULK")
                        .map(decision -> new BulkRejection.Outcome(story.id(), "REJECTED", decision.version(), null))
                        .onErrorResume(ResponseStatusException.class, error -> Mono.just(new BulkRejection.Outcome(
                                story.id(), error.getStatusCode() == HttpStatus.NOT_FOUND ? "NOT_FOUND" : "CONFLICT",
                                null, error.getReason()))));
    }

    /**
     * The queue as a surge looks: how many stories wait, how many of them are urgent or claimed, how long the oldest
     * has waited, and each moderator's decisions in the last hour.
     */
    Mono<QueueStats> stats() {
        Instant now = clock.instant();
        Mono<QueueStats> waiting = db.sql("""
                        select count(*) as waiting, count(*) filter (where urgent) as urgent,
                               count(*) filter (where claim_expires_at > :now) as claimed,
                               min(submitted_at) as oldest
                        from story where status = 'SUBMITTED'""")
                .bind("now", now)
                .map(row -> {
                    Instant oldest = row.get("oldest", Instant.class);
                    return new QueueStats(row.get("waiting", Long.class), row.get("urgent", Long.class),
                            row.get("claimed", Long.class), oldest,
                            oldest == null ? null : Duration.between(oldest, now).toSeconds(), List.of());
                }).one();
        Mono<List<QueueStats.Pace>> paces = db.sql("""
                        select actor, count(*) as decisions from moderation_audit
                        where at > :since and action in (%s)
                        group by actor order by decisions desc, actor""".formatted(DECISIONS))
                .bind("since", now.minus(Duration.ofHours(1)))
                .map(row -> new QueueStats.Pace(row.get("actor", String.class), row.get("decisions", Long.class)))
                .all().collectList();
        return Mono.zip(waiting, paces).map(both -> both.getT1().withPaces(both.getT2()));
    }

    /**
     * The hints for the text and for the revision waiting, if any, computed once per view and on
     * {@link Schedulers#parallel()} (the scheduler for CPU work): scanning up to two texts of 20,000 characters
     * must not hold an event-loop thread that serves everyone else's requests.
     */
    private static Mono<List<List<PiiHints.Hint>>> hints(String text, PendingRevision revision) {
        return Mono.fromCallable(() -> List.of(PiiHints.in(text),
                        revision == null ? List.<PiiHints.Hint>of() : PiiHints.in(revision.text())))
                .subscribeOn(Schedulers.parallel());
    }

    /**
     * Publishes the story as the moderator approved it: their title, their redacted text and their warnings where
     * given, the author's otherwise. The published copy is what the public reads; the author's original stays sealed.
     */
    Mono<Decision> publish(UUID id, Publication publication, String actor) {
        if (publication.text() != null && publication.text().isBlank()) {
            return Mono.error(new InvalidInput("text", "must not be blank when given; leave it out to publish the text as written"));
        }
        Instant now = clock.instant();
        return lockForDecision(id, publication.version(), "publish", Set.of(StoryStatus.SUBMITTED), actor)
                .flatMap(row -> consents.current(id).flatMap(consent -> consent.publishOnSite()
                        ? Mono.just(row)
                        : Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                                "The author has not consented to publication on the site."))))
                .flatMap(row -> {
                    StoryRow.Opened original = row.open(dataKeys);
                    String title = publication.title() == null ? original.title() : StoryRow.blankToNull(publication.title());
                    String text = publication.text() == null ? original.text() : publication.text();
                    List<String> warnings = publication.contentWarnings() == null
                            ? row.contentWarnings()
                            : ContentWarning.validated(publication.contentWarnings(), "contentWarnings");
                    AuthorName author = publication.author(original.author());
                    List<String> themes = publication.themes() == null
                            ? row.suggestedThemes()
                            : Theme.ofStory(publication.themes(), "themes");
                    boolean redacted = !text.equals(original.text())
                            || (title != null && !title.equals(original.title()))
                            || !author.equals(original.author());
                    return db.sql("""
                                    update story set status = 'PUBLISHED', content_warnings = cast(:warnings as text[]),
                                                     decided_at = :now, version = version + 1,
                                                     claimed_by = null, claim_expires_at = null
                                    where id = :id""")
                            .bind("warnings", warnings.toArray(String[]::new)).bind("now", now).bind("id", id)
                            .then()
                            .then(db.sql("""
                                            insert into published_story (story_id, language, title, text, content_warnings,
                                                                         published_at, named_as, name, themes)
                                            values (:id, :language, :title, :text, cast(:warnings as text[]), :now,
                                                    :namedAs, :name, cast(:themes as text[]))""")
                                    .bind("id", id).bind("language", row.language())
                                    .bind("title", Parameter.fromOrEmpty(title, String.class))
                                    .bind("text", text).bind("warnings", warnings.toArray(String[]::new)).bind("now", now)
                                    .bind("namedAs", author.namedAs().slug())
                                    .bind("name", Parameter.fromOrEmpty(author.name(), String.class))
                                    .bind("themes", themes.toArray(String[]::new))
                                    .then())
                            .then(audit(id, actor, redacted ? "PUBLISHED_WITH_REDACTIONS" : "PUBLISHED"))
                            .then(outbox.append(Topics.STORIES, new StoryPublished(UUID.randomUUID(), now, id, row.language())))
                            .thenReturn(new Decision(id, StoryStatus.PUBLISHED, row.version() + 1));
                })
                .as(transactional::transactional);
    }

    /** Rejects a submitted story, or takes a published one down; the author reads the reason with their token. */
    Mono<Decision> reject(UUID id, Rejection rejection, String actor) {
        return reject(id, rejection, actor, "REJECTED");
    }

    private Mono<Decision> reject(UUID id, Rejection rejection, String actor, String auditedAs) {
        Instant now = clock.instant();
        return lockForDecision(id, rejection.version(), "reject", Set.of(StoryStatus.SUBMITTED, StoryStatus.PUBLISHED), actor)
                .flatMap(row -> db.sql("""
                                update story set status = 'REJECTED', rejection_reason = :reason, decided_at = :now,
                                                 version = version + 1, claimed_by = null, claim_expires_at = null
                                where id = :id""")
                        .bind("reason", rejection.reason().strip()).bind("now", now).bind("id", id)
                        .then()
                        .then(db.sql("delete from published_story where story_id = :id").bind("id", id).then())
                        .then(audit(id, actor, row.status() == StoryStatus.PUBLISHED ? "TAKEN_DOWN" : auditedAs))
                        .then(outbox.append(Topics.STORIES, new StoryRejected(UUID.randomUUID(), now, id, row.language())))
                        .thenReturn(new Decision(id, StoryStatus.REJECTED, row.version() + 1)))
                .as(transactional::transactional);
    }

    /** Features a published story on the front page, or takes it off; not a decision, so no version is needed. */
    Mono<Void> feature(UUID id, boolean featured, String actor) {
        return db.sql("update published_story set featured = :featured where story_id = :id returning story_id")
                .bind("featured", featured).bind("id", id)
                .map(row -> 1).one()
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                        "Only a published story can be featured.")))
                .then(audit(id, actor, featured ? "FEATURED" : "UNFEATURED"))
                .as(transactional::transactional);
    }

    /**
     * Puts an author's revision up in place of the published version, with the moderator's redactions where given.
     * The revision becomes the author's sealed original; the public copy keeps its first publication date.
     */
    Mono<Decision> approveRevision(UUID id, Publication approval, String actor) {
        if (approval.text() != null && approval.text().isBlank()) {
            return Mono.error(new InvalidInput("text", "must not be blank when given; leave it out to publish the revision as written"));
        }
        return lockForDecision(id, approval.version(), "have a revision approved", Set.of(StoryStatus.PUBLISHED), actor)
                .flatMap(row -> pendingRevision(row).flatMap(revision -> {
                    String title = approval.title() == null ? revision.title() : StoryRow.blankToNull(approval.title());
                    String text = approval.text() == null ? revision.text() : approval.text();
                    List<String> warnings = approval.contentWarnings() == null
                            ? revision.contentWarnings()
                            : ContentWarning.validated(approval.contentWarnings(), "contentWarnings");
                    DataKey key = row.dataKey(dataKeys);
                    // the author's naming after this revision: the one it asks for, else the one in force
                    AuthorName authors = revision.author() != null ? revision.author() : row.open(dataKeys).author();
                    AuthorName author = approval.author(authors);
                    List<String> themes = approval.themes() == null ? null : Theme.ofStory(approval.themes(), "themes");
                    boolean redacted = !text.equals(revision.text())
                            || (title != null && !title.equals(revision.title()))
                            || !author.equals(authors);
                    return db.sql("""
                                    update story set title_sealed = :title, text_sealed = :text,
                                        content_warnings = cast(:warnings as text[]), revision_feedback = null,
                                        version = version + 1, claimed_by = null, claim_expires_at = null
                                    where id = :id""")
                            .bind("title", Parameter.fromOrEmpty(revision.title() == null ? null
                                    : key.seal(revision.title(), StoryRow.context(id, "title")), byte[].class))
                            .bind("text", key.seal(revision.text(), StoryRow.context(id, "text")))
                            .bind("warnings", revision.contentWarnings().toArray(String[]::new))
                            .bind("id", id)
                            .then()
                            .then(db.sql("""
                                            update published_story set title = :title, text = :text,
                                                content_warnings = cast(:warnings as text[])
                                            where story_id = :id""")
                                    .bind("title", Parameter.fromOrEmpty(title, String.class)).bind("text", text)
                                    .bind("warnings", warnings.toArray(String[]::new)).bind("id", id)
                                    .then())
                            .then(revision.author() == null
                                    ? Mono.<Void>empty() : bylines.onStory(id, revision.author(), key))
                            .then(approval.name() == null && revision.author() == null
                                    ? Mono.<Void>empty() : bylines.onPublishedCopy(id, author))
                            .then(themes == null ? Mono.<Void>empty()
                                    : db.sql("""
                                                    update published_story set themes = cast(:themes as text[])
                                                    where story_id = :id""")
                                            .bind("themes", themes.toArray(String[]::new)).bind("id", id).then())
                            .then(revisions.discard(id))
                            .then(audit(id, actor, redacted ? "REVISION_APPROVED_WITH_REDACTIONS" : "REVISION_APPROVED"))
                            .thenReturn(new Decision(id, StoryStatus.PUBLISHED, row.version() + 1));
                }))
                .as(transactional::transactional);
    }

    /** Turns an author's revision down; the published version stays, and the author reads why. */
    Mono<Decision> rejectRevision(UUID id, Rejection rejection, String actor) {
        return lockForDecision(id, rejection.version(), "have a revision rejected", Set.of(StoryStatus.PUBLISHED), actor)
                .flatMap(row -> pendingRevision(row)
                        .then(revisions.discard(id))
                        .then(db.sql("""
                                        update story set revision_feedback = :reason, version = version + 1,
                                                         claimed_by = null, claim_expires_at = null
                                        where id = :id""")
                                .bind("reason", rejection.reason().strip()).bind("id", id).then())
                        .then(audit(id, actor, "REVISION_REJECTED"))
                        .thenReturn(new Decision(id, StoryStatus.PUBLISHED, row.version() + 1)))
                .as(transactional::transactional);
    }

    private Mono<PendingRevision> pendingRevision(StoryRow row) {
        return revisions.pending(row).switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                "This story has no revision waiting for review.")));
    }

    /** Marks a story's open reports as handled; it leaves the flagged queue and stays as it is otherwise. */
    Mono<Void> resolveReports(UUID id, String actor) {
        Instant now = clock.instant();
        return db.sql("select 1 from story where id = :id for update").bind("id", id)
                .map(row -> 1).one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .then(db.sql("update story_report set resolved_at = :now where story_id = :id and resolved_at is null")
                        .bind("now", now).bind("id", id).then())
                // the moderators' digest counts reported stories from events: tell it this one no longer waits
                .then(outbox.append(Topics.STORIES, new StoryReportsResolved(UUID.randomUUID(), now, id)))
                .then(audit(id, actor, "REPORTS_RESOLVED"))
                .as(transactional::transactional);
    }

    /** Newest first. */
    Flux<AuditEntry> auditLog(UUID storyId, int limit) {
        var spec = db.sql("select id, story_id, actor, action, at from moderation_audit"
                        + (storyId == null ? "" : " where story_id = :storyId") + " order by id desc limit :limit")
                .bind("limit", limit);
        if (storyId != null) {
            spec = spec.bind("storyId", storyId);
        }
        return spec.map(row -> new AuditEntry(row.get("id", Long.class), row.get("story_id", UUID.class),
                row.get("actor", String.class), row.get("action", String.class), row.get("at", Instant.class))).all();
    }

    /**
     * The story locked for a decision, when the decision may be taken: nobody else holds a live claim on it, the
     * moderator saw its current version, and its status allows the decision. A decision without a claim is taken
     * when nobody else holds one (a takedown from the reported queue, a lease that ran out): the version is the
     * backstop then.
     */
    private Mono<StoryRow> lockForDecision(UUID id, int seenVersion, String action, Set<StoryStatus> from, String actor) {
        Instant now = clock.instant();
        return db.sql(Claim.SELECT + " where s.id = :id for update of s").bind("id", id)
                .map((readable, meta) -> Claim.ClaimedRow.from(readable, now)).one()
                .switchIfEmpty(Mono.error(noSuchStory()))
                .flatMap(claimed -> claimed.claim().heldByAnotherThan(actor)
                        ? Mono.<StoryRow>error(heldBy(claimed.claim())) : Mono.just(claimed.story()))
                .flatMap(row -> {
                    if (row.version() != seenVersion) {
                        return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                                "Someone else changed this story since you opened it (you saw version %d, it is now %d). Reload it and decide again."
                                        .formatted(seenVersion, row.version())));
                    }
                    if (!from.contains(row.status())) {
                        return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                                "A %s story cannot be asked to %s.".formatted(row.status().name().toLowerCase(), action)));
                    }
                    return Mono.just(row);
                });
    }

    /** The reasons of the story's open reports and flags, oldest first, one per report. */
    private Mono<List<String>> openReports(UUID id) {
        return db.sql("select reason from story_report where story_id = :id and resolved_at is null order by reported_at")
                .bind("id", id).map(row -> row.get("reason", String.class)).all().collectList();
    }

    private Mono<Void> audit(UUID storyId, String actor, String action) {
        return db.sql("insert into moderation_audit (story_id, actor, action, at) values (:storyId, :actor, :action, :at)")
                .bind("storyId", storyId).bind("actor", actor).bind("action", action).bind("at", clock.instant())
                .then();
    }

    private static ResponseStatusException heldBy(Claim claim) {
        return new ResponseStatusException(HttpStatus.CONFLICT,
                "%s is reviewing this story (their claim runs until %s). Take the next story in the queue."
                        .formatted(claim.moderator(), claim.expiresAt()));
    }

    private static ResponseStatusException noSuchStory() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such story; it may have been withdrawn.");
    }
}
