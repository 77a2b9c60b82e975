package org.chorus.notifications.receipt;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.chorus.messaging.PollingLoop;
import org.chorus.notifications.privacy.EmailVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends queued mail to authors. Rows are locked while their mail goes out, so several instances never send the same
 * one. The queue names no recipient: the author's sealed contact is opened only here, at send time, so a contact
 * erased before then is never written to. A failure is counted and retried on the next round.
 */
@Component
class MailDispatcher extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final PlainTextMail plainText;
    private final MailProperties properties;
    private final EmailVault vault;

    MailDispatcher(DatabaseClient db, TransactionalOperator transactional, PlainTextMail plainText,
                   MailProperties properties, EmailVault vault) {
        super("mail-dispatcher");
        this.db = db;
        this.transactional = transactional;
        this.plainText = plainText;
        this.properties = properties;
        this.vault = vault;
    }

    Mono<Long> dispatchOnce() {
        Flux<Long> sent = db.sql("""
                        select m.id, m.kind, m.language, c.email_key_id, c.email_ciphertext
                        from outgoing_mail m join author_contact c on c.story_id = m.story_id
                        where m.sent_at is null
                        order by m.created_at limit :limit for update of m skip locked""")
                .bind("limit", BATCH)
                .map(row -> new Queued(row.get("id", UUID.class), row.get("kind", String.class),
                        row.get("language", String.class), row.get("email_key_id", String.class),
                        row.get("email_ciphertext", byte[].class)))
                .all()
                .concatMap(mail -> send(mail)
                        .then(markSent(mail.id()))
                        .thenReturn(1L)
                        .onErrorResume(MailException.class, e -> markFailed(mail.id(), e).thenReturn(0L)));
        return transactional.transactional(sent.reduce(0L, Long::sum));
    }

    private Mono<Void> send(Queued mail) {
        AuthorMail content = AuthorMail.of(mail.kind(), mail.language());
        return plainText.send(vault.open(mail.keyId(), mail.ciphertext()), content.subject(), content.body(), Map.of());
    }

    private Mono<Void> markSent(UUID id) {
        return db.sql("update outgoing_mail set sent_at = now() where id = :id")
                .bind("id", id).then();
    }

    private Mono<Void> markFailed(UUID id, Exception e) {
        String reason = PlainTextMail.failureReason(e);
        log.warn("Mail {} not sent ({}); will retry", id, reason);
        return db.sql("update outgoing_mail set attempts = attempts + 1, last_error = :reason where id = :id")
                .bind("reason", reason).bind("id", id).then();
    }

    @Override
    protected Duration round() {
        try {
            dispatchOnce().block();
        } catch (RuntimeException e) {
            log.warn("Mail round failed: {}", e.getClass().getName());
        }
        return properties.pollInterval();
    }

    private record Queued(UUID id, String kind, String language, String keyId, byte[] ciphertext) {
    }
}
