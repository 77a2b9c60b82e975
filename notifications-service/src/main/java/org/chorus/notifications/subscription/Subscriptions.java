package org.chorus.notifications.subscription;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.messaging.TraceContext;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.MaskedEmail;
import org.chorus.notifications.privacy.SealedEmail;
import org.chorus.notifications.privacy.SignedLinks;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Double opt-in subscriptions and the preference centre. A sign-up is pending and receives nothing but its
 * confirmation mail until the link in it is followed; the confirmation writes the consent record. Every answer to
 * the sign-up form is the same whether the address was new, pending or confirmed, and every bad link is the same
 * 404, so neither says whether an address is on the list.
 */
@Service
class Subscriptions {

    static final String CONFIRM_MAIL = "confirm";
    static final String ALREADY_SUBSCRIBED_MAIL = "already-subscribed";
    private static final int PURGE_BATCH = 500;
    private static final int MAX_PAUSE_DAYS = 366;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final EmailVault vault;
    private final SignedLinks links;
    private final SubscriptionProperties properties;
    private final TraceContext traces;
    private final Clock clock = Clock.systemUTC();

    Subscriptions(DatabaseClient db, TransactionalOperator transactional, EmailVault vault, SignedLinks links,
                  SubscriptionProperties properties, TraceContext traces) {
        this.db = db;
        this.transactional = transactional;
        this.vault = vault;
        this.links = links;
        this.properties = properties;
        this.traces = traces;
    }

    /** Completes when the sign-up is durably recorded and its mail (if any is due) queued. */
    Mono<Void> subscribe(SubscriptionRequest request) {
        Settings settings = request.settings();
        SealedEmail sealed = vault.seal(request.email().strip());
        Mono<Void> work = reindexUnderTheCurrentKey(request.email(), sealed.blindIndex()).then(db.sql("""
                        insert into subscriber (id, email_key_id, email_ciphertext, email_blind_index, language, topics,
                                                help_zip, status)
                        values (:id, :keyId, :ciphertext, :blindIndex, :language, :topics, :zip, 'pending')
                        on conflict (email_blind_index) do nothing
                        returning id""")
                .bind("id", UUID.randomUUID())
                .bind("keyId", sealed.keyId())
                .bind("ciphertext", sealed.ciphertext())
                .bind("blindIndex", sealed.blindIndex())
                .bind("language", settings.language())
                .bind("topics", settings.topicArray())
                .bind("zip", Parameter.fromOrEmpty(settings.zip(), String.class))
                .map(row -> row.get("id", UUID.class))
                .one()
                .flatMap(id -> queueMailIfQuiet(id, CONFIRM_MAIL))
                .switchIfEmpty(Mono.defer(() -> subscribeExisting(sealed.blindIndex(), settings)))
                .then());
        return transactional.transactional(work);
    }

    /**
     * During a blind-index key rotation, an address indexed under the previous key is the same person: its row moves
     * to the current key's index before anything looks for it, so the person is found rather than signed up twice.
     */
    private Mono<Void> reindexUnderTheCurrentKey(String email, byte[] current) {
        return vault.previousBlindIndex(email)
                .map(previous -> db.sql("""
                                update subscriber set email_blind_index = :current
                                where email_blind_index = :previous
                                  and not exists (select 1 from subscriber where email_blind_index = :current)""")
                        .bind("current", current)
                        .bind("previous", previous)
                        .then())
                .orElse(Mono.empty());
    }

    private Mono<Boolean> subscribeExisting(byte[] blindIndex, Settings settings) {
        return db.sql("select id, status, suppressed_at is not null as suppressed from subscriber "
                        + "where email_blind_index = :blindIndex for update")
                .bind("blindIndex", blindIndex)
                // a confirmed address that bounced starts over like an unsubscribed one: confirming again proves it
                // takes mail once more
                .map(row -> new Existing(row.get("id", UUID.class), Boolean.TRUE.equals(row.get("suppressed", Boolean.class))
                        ? "suppressed" : row.get("status", String.class)))
                .one()
                .flatMap(existing -> switch (existing.status()) {
                    // a confirmed subscription changes only through its own preference link, never through a form
                    // anyone can fill in; its owner hears that someone tried (and gets that link again)
                    case "confirmed" -> queueMailIfQuiet(existing.id(), ALREADY_SUBSCRIBED_MAIL);
                    // pending: the newest form wins; unsubscribed or suppressed: start over, as a new sign-up would. Only together
                    // with a new confirmation mail, so the mail always lists what its link would confirm, and a form
                    // sent again and again within the resend interval changes nothing
                    default -> queueMailIfQuiet(existing.id(), CONFIRM_MAIL).flatMap(queued -> !queued
                            ? Mono.just(false)
                            : db.sql("""
                                            update subscriber set status = 'pending', language = :language,
                                                topics = :topics, help_zip = :zip, confirmed_at = null,
                                                paused_until = null, updated_at = now()
                                            where id = :id""")
                                    .bind("id", existing.id())
                                    .bind("language", settings.language())
                                    .bind("topics", settings.topicArray())
                                    .bind("zip", Parameter.fromOrEmpty(settings.zip(), String.class))
                                    .then()
                                    .thenReturn(true));
                });
    }

    /**
     * Queues a mail to the subscriber unless one was queued within the resend interval; emits whether it did.
     * A queued confirmation restarts the confirmation window, so the row lives as long as the link just mailed. The
     * row keeps the request's trace, so the mail is sent in it.
     */
    private Mono<Boolean> queueMailIfQuiet(UUID subscriberId, String kind) {
        return Mono.deferContextual(context -> db.sql("""
                        insert into subscriber_mail (id, subscriber_id, kind, traceparent)
                        select :id, :subscriberId, :kind, cast(:traceparent as text)
                        where not exists (select 1 from subscriber_mail
                                          where subscriber_id = :subscriberId
                                            and queued_at > now() - make_interval(secs => :interval))""")
                .bind("id", UUID.randomUUID())
                .bind("subscriberId", subscriberId)
                .bind("kind", kind)
                .bind("interval", (double) properties.resendInterval().toSeconds())
                .bind("traceparent", Parameter.fromOrEmpty(traces.traceparent(context), String.class))
                .fetch().rowsUpdated())
                .flatMap(queued -> queued == 1 && CONFIRM_MAIL.equals(kind)
                        ? db.sql("update subscriber set created_at = now() where id = :id")
                                .bind("id", subscriberId).then().thenReturn(true)
                        : Mono.just(queued == 1));
    }

    /** Follows the confirmation link: pending becomes confirmed and the consent is recorded; twice is fine. */
    Mono<SubscriptionPreferences> confirm(String token) {
        return subscriber(token, MailLinks.CONFIRM).flatMap(id -> transactional.transactional(
                db.sql("""
                                update subscriber set status = 'confirmed', confirmed_at = now(), updated_at = now(),
                                    suppressed_at = null, suppressed_reason = null, soft_bounces = 0
                                where id = :id and status = 'pending'
                                returning language, topics""")
                        .bind("id", id)
                        .map(row -> new Settings(row.get("language", String.class),
                                List.of(row.get("topics", String[].class)), null))
                        .one()
                        .flatMap(confirmed -> recordConsent(id, "confirmed", confirmed,
                                ConsentWording.subscribe(confirmed.language())))
                        .then(current(id))
                        // an old confirmation link must not bring back someone who has since unsubscribed
                        .filter(current -> "confirmed".equals(current.status()))
                        .switchIfEmpty(invalidLink())));
    }

    Mono<SubscriptionPreferences> preferences(String token) {
        return subscriber(token, MailLinks.PREFERENCES).flatMap(this::current).switchIfEmpty(invalidLink());
    }

    Mono<SubscriptionPreferences> change(String token, PreferencesChange change) {
        Settings settings = change.settings();
        LocalDate pausedUntil = validPause(change.pausedUntil());
        return subscriber(token, MailLinks.PREFERENCES).flatMap(id -> transactional.transactional(
                db.sql("""
                                update subscriber set language = :language, topics = :topics, help_zip = :zip,
                                    paused_until = :pausedUntil, updated_at = now()
                                where id = :id
                                returning status""")
                        .bind("id", id)
                        .bind("language", settings.language())
                        .bind("topics", settings.topicArray())
                        .bind("zip", Parameter.fromOrEmpty(settings.zip(), String.class))
                        .bind("pausedUntil", Parameter.fromOrEmpty(pausedUntil, LocalDate.class))
                        .map(row -> row.get("status", String.class))
                        .one()
                        .switchIfEmpty(invalidLink())
                        .flatMap(status -> "confirmed".equals(status)
                                ? recordConsent(id, "changed", settings, ConsentWording.preferences(settings.language()))
                                : Mono.empty())
                        .then(current(id))));
    }

    /** From the preference centre. */
    Mono<Void> unsubscribe(String token) {
        return subscriber(token, MailLinks.PREFERENCES)
                .flatMap(id -> transactional.transactional(unsubscribe(id, null)));
    }

    /** RFC 8058: takes effect at once, whoever's mail client sends it. */
    Mono<Void> unsubscribeInOneClick(String token) {
        return subscriber(token, MailLinks.UNSUBSCRIBE)
                .flatMap(id -> transactional.transactional(unsubscribe(id, ConsentWording.ONE_CLICK)));
    }

    /** A complaint (spam report) about our mail: they are unsubscribed at once, as by one click. */
    Mono<Void> unsubscribeOnComplaint(UUID id) {
        return unsubscribe(id, ConsentWording.COMPLAINT);
    }

    private Mono<Void> unsubscribe(UUID id, String wording) {
        return db.sql("select status, language, topics from subscriber where id = :id for update")
                .bind("id", id)
                .map(row -> new Existing(id, row.get("status", String.class),
                        new Settings(row.get("language", String.class), List.of(row.get("topics", String[].class)), null)))
                .one()
                .switchIfEmpty(invalidLink())
                .flatMap(existing -> switch (existing.status()) {
                    // nothing was ever agreed to: a pending sign-up that is called off is simply gone
                    case "pending" -> erase(id);
                    case "confirmed" -> db.sql("""
                                    update subscriber set status = 'unsubscribed', paused_until = null, updated_at = now()
                                    where id = :id""")
                            .bind("id", id).then()
                            .then(recordConsent(id, "unsubscribed", existing.settings(),
                                    wording != null ? wording : ConsentWording.preferences(existing.settings().language())));
                    default -> Mono.empty();
                });
    }

    /** Everything held about the address goes: the row, its consent records and any mail not yet sent. */
    Mono<Void> erase(String token) {
        return subscriber(token, MailLinks.PREFERENCES).flatMap(id -> transactional.transactional(
                db.sql("delete from subscriber where id = :id").bind("id", id).fetch().rowsUpdated()
                        .filter(deleted -> deleted == 1)
                        .switchIfEmpty(invalidLink())
                        .then()));
    }

    private Mono<Void> erase(UUID id) {
        return db.sql("delete from subscriber where id = :id").bind("id", id).then();
    }

    /**
     * Deletes one batch of sign-ups whose confirmation window has passed; emits how many. Also forgets the mail
     * queue's old rows (they hold no address, only ids and times, but nothing needs them after a week).
     */
    Mono<Long> purgeExpired() {
        Mono<Long> oldMail = db.sql("delete from subscriber_mail where queued_at < now() - interval '7 days'")
                .fetch().rowsUpdated();
        return oldMail.then(db.sql("""
                        delete from subscriber where id in (
                            select id from subscriber
                            where status = 'pending' and created_at < now() - make_interval(secs => :window)
                            order by created_at limit :batch for update skip locked)""")
                .bind("window", (double) properties.confirmationWindow().toSeconds())
                .bind("batch", PURGE_BATCH)
                .fetch().rowsUpdated())
                .as(transactional::transactional);
    }

    private Mono<Void> recordConsent(UUID id, String action, Settings settings, String wording) {
        return db.sql("""
                        insert into subscription_consent (id, subscriber_id, action, topics, language, wording_version)
                        values (:id, :subscriberId, :action, :topics, :language, :wording)""")
                .bind("id", UUID.randomUUID())
                .bind("subscriberId", id)
                .bind("action", action)
                .bind("topics", settings.topicArray())
                .bind("language", settings.language())
                .bind("wording", wording)
                .then();
    }

    private Mono<SubscriptionPreferences> current(UUID id) {
        return db.sql("""
                        select email_key_id, email_ciphertext, status, language, topics, help_zip, paused_until
                        from subscriber where id = :id""")
                .bind("id", id)
                .map(row -> new SubscriptionPreferences(
                        MaskedEmail.of(vault.open(row.get("email_key_id", String.class),
                                row.get("email_ciphertext", byte[].class))),
                        row.get("status", String.class),
                        row.get("language", String.class),
                        Arrays.asList(row.get("topics", String[].class)),
                        row.get("help_zip", String.class),
                        row.get("paused_until", LocalDate.class)))
                .one();
    }

    private Mono<UUID> subscriber(String token, String purpose) {
        Optional<UUID> id = links.verify(token, purpose, clock.instant());
        return id.map(Mono::just).orElseGet(Subscriptions::invalidLink);
    }

    private LocalDate validPause(LocalDate pausedUntil) {
        if (pausedUntil == null) {
            return null;
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (pausedUntil.isBefore(today)) {
            throw new InvalidInput("pausedUntil", "must be today or later");
        }
        if (pausedUntil.isAfter(today.plusDays(MAX_PAUSE_DAYS))) {
            throw new InvalidInput("pausedUntil", "must be within a year (to stop all mail, unsubscribe)");
        }
        return pausedUntil;
    }

    /** The one answer to every link that does not open: malformed, forged, expired, or whose subscriber is gone. */
    static <T> Mono<T> invalidLink() {
        return Mono.error(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "This link is not valid or has expired.");
            problem.setTitle("Link not valid");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
    }

    private record Existing(UUID id, String status, Settings settings) {

        Existing(UUID id, String status) {
            this(id, status, null);
        }
    }
}
