package org.chorus.notifications.receipt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.mail.MailQueue;
import org.chorus.notifications.privacy.EmailVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queued mail to authors, sent by the shared {@link MailQueue}. The queue names no recipient: the author's sealed
 * contact is opened only at send time, so a contact erased before then (which deletes its unsent mail) is never
 * written to. At most {@link AuthorMailProperties#maxPerAddressPerDay()} of them go to one address a day: the contact
 * on a story is whatever address its submitter typed, so the cap is what stops Chorus being used to mail a stranger
 * again and again. A mail over the cap is dropped (failed, reason {@value #DROPPED}) and counted.
 */
@Component
class AuthorMailQueue implements MailQueue.Source {

    static final String DROPPED = "dropped: over the daily cap of author mail to one address";
    // the blind index of this purpose only: a count row joins to no subscriber and no other count
    private static final String COUNT_PURPOSE = "author-mail-count";
    private static final Logger log = LoggerFactory.getLogger(AuthorMailQueue.class);

    private final DatabaseClient db;
    private final EmailVault vault;
    private final AuthorMailProperties properties;
    private final Counter dropped;

    AuthorMailQueue(DatabaseClient db, EmailVault vault, AuthorMailProperties properties, MeterRegistry meters) {
        this.db = db;
        this.vault = vault;
        this.properties = properties;
        this.dropped = Counter.builder("chorus.author.mail.dropped")
                .description("Author mails not sent because their address had its day's share already")
                .register(meters);
    }

    @Override
    public String table() {
        return "outgoing_mail";
    }

    @Override
    public char referenceKind() {
        return 'a';
    }

    private record Queued(UUID id, int attempts, String kind, String language, String keyId, byte[] ciphertext,
                          String traceparent) {
    }

    @Override
    public Flux<MailQueue.Due> lockDue(int limit) {
        Mono<Void> forgetEarlierDays = db.sql("delete from author_mail_count where day < (now() at time zone 'utc')::date")
                .then();
        return forgetEarlierDays.thenMany(db.sql("""
                        select m.id, m.attempts, m.kind, m.language, c.email_key_id, c.email_ciphertext, m.traceparent
                        from outgoing_mail m join author_contact c on c.story_id = m.story_id
                        where %s
                        %s""".formatted(DUE, SOONEST_FIRST))
                .bind("limit", limit)
                .map(row -> new Queued(row.get("id", UUID.class), row.get("attempts", Integer.class),
                        row.get("kind", String.class), row.get("language", String.class),
                        row.get("email_key_id", String.class), row.get("email_ciphertext", byte[].class),
                        row.get("traceparent", String.class)))
                .all())
                .concatMap(this::withinTheDailyCap);
    }

    /**
     * Counts a mail against its address on its first try (a retry was counted already) and drops it when the address
     * is over the cap. The count is in the round's transaction, so a round that fails counts nothing.
     */
    private Mono<MailQueue.Due> withinTheDailyCap(Queued queued) {
        MailQueue.Due due = new MailQueue.Due(queued.id(), queued.attempts(), () -> letter(queued),
                queued.traceparent());
        if (queued.attempts() > 0) {
            return Mono.just(due);
        }
        byte[] addressKey;
        try {
            addressKey = vault.blindIndex(COUNT_PURPOSE, vault.open(queued.keyId(), queued.ciphertext()));
        } catch (RuntimeException unreadable) {
            // the queue fails it as an address that cannot be read, which is what it is
            return Mono.just(due);
        }
        return db.sql("""
                        insert into author_mail_count (address_key, day, mails)
                        values (:addressKey, (now() at time zone 'utc')::date, 1)
                        on conflict (address_key, day) do update set mails = author_mail_count.mails + 1
                        returning mails""")
                .bind("addressKey", addressKey)
                .map(row -> row.get("mails", Integer.class))
                .one()
                .flatMap(mails -> mails <= properties.maxPerAddressPerDay() ? Mono.just(due) : drop(queued));
    }

    private Mono<MailQueue.Due> drop(Queued queued) {
        dropped.increment();
        // the mail's id only: no address, and nothing that says which story's author it was for
        log.info("outgoing_mail {} dropped: its address already had today's author mail", queued.id());
        return db.sql("update outgoing_mail set failed_at = now(), last_error = :reason where id = :id")
                .bind("reason", DROPPED)
                .bind("id", queued.id())
                .then()
                .then(Mono.empty());
    }

    private MailQueue.Letter letter(Queued queued) {
        AuthorMail content = AuthorMail.of(queued.kind(), queued.language());
        return new MailQueue.Letter(vault.open(queued.keyId(), queued.ciphertext()), content.subject(), content.body(),
                Map.of());
    }
}
