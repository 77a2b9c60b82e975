package org.chorus.notifications.subscription;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.receipt.PlainTextMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the queued subscription mails. The address is opened only here, from the subscriber row, so a sign-up
 * erased or purged before its mail went out is never written to. Rows are locked while their mail goes out, so
 * several instances never send the same one; a failure is counted and retried on a later round, with backoff.
 */
@Component
class SubscriptionMailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionMailDispatcher.class);
    private static final int BATCH = 20;
    // retried with backoff (1 s, 3 s, 7 s … after queueing) for about an hour; a sign-up whose mail could not go
    // out by then can simply be sent again
    private static final int MAX_ATTEMPTS = 12;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final PlainTextMail plainText;
    private final EmailVault vault;
    private final MailLinks links;
    private final SubscriptionProperties properties;

    SubscriptionMailDispatcher(DatabaseClient db, TransactionalOperator transactional, PlainTextMail plainText,
                               EmailVault vault, MailLinks links,
                               SubscriptionProperties properties) {
        this.db = db;
        this.transactional = transactional;
        this.plainText = plainText;
        this.vault = vault;
        this.links = links;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${chorus.mail.poll-interval:500ms}")
    Mono<Long> dispatchOnSchedule() {
        return dispatchOnce().onErrorResume(e -> {
            log.warn("Subscription mail round failed: {}", e.getClass().getName());
            return Mono.just(0L);
        });
    }

    Mono<Long> dispatchOnce() {
        Flux<Long> sent = db.sql("""
                        select m.id, m.kind, m.subscriber_id, s.email_key_id, s.email_ciphertext, s.language, s.topics,
                               s.help_zip
                        from subscriber_mail m join subscriber s on s.id = m.subscriber_id
                        where m.sent_at is null and m.attempts < :maxAttempts
                          and m.queued_at < now() - make_interval(secs => power(2, m.attempts) - 1)
                        order by m.queued_at limit :limit for update of m skip locked""")
                .bind("maxAttempts", MAX_ATTEMPTS)
                .bind("limit", BATCH)
                .map(row -> new Queued(row.get("id", UUID.class), row.get("kind", String.class),
                        row.get("subscriber_id", UUID.class), row.get("email_key_id", String.class),
                        row.get("email_ciphertext", byte[].class), row.get("language", String.class),
                        List.of(row.get("topics", String[].class)), row.get("help_zip", String.class)))
                .all()
                .concatMap(queued -> send(queued)
                        .then(db.sql("update subscriber_mail set sent_at = now() where id = :id")
                                .bind("id", queued.id()).then())
                        .thenReturn(1L)
                        .onErrorResume(MailException.class, e -> failed(queued.id(), e).thenReturn(0L)));
        return transactional.transactional(sent.reduce(0L, Long::sum));
    }

    private Mono<Void> send(Queued queued) {
        String preferences = links.preferencesUrl(queued.subscriberId());
        SubscriptionMail content = Subscriptions.CONFIRM_MAIL.equals(queued.kind())
                ? SubscriptionMail.confirm(queued.language(), queued.topics(), queued.zip(),
                        links.confirmUrl(queued.subscriberId()), preferences,
                        properties.confirmationWindow().toHours())
                : SubscriptionMail.alreadySubscribed(queued.language(), preferences);
        // a confirmation is not list mail; the "already subscribed" notice goes to a subscriber, so it unsubscribes
        // in one click like every other mail they get from us
        Map<String, String> headers = Subscriptions.CONFIRM_MAIL.equals(queued.kind())
                ? Map.of() : links.listUnsubscribeHeaders(queued.subscriberId());
        return plainText.send(vault.open(queued.keyId(), queued.ciphertext()), content.subject(), content.body(),
                headers);
    }

    private Mono<Void> failed(UUID id, Exception e) {
        String reason = PlainTextMail.failureReason(e);
        log.warn("Subscription mail {} not sent ({}); will retry", id, reason);
        return db.sql("update subscriber_mail set attempts = attempts + 1, last_error = :reason where id = :id")
                .bind("reason", reason).bind("id", id).then();
    }

    private record Queued(UUID id, String kind, UUID subscriberId, String keyId, byte[] ciphertext, String language,
                          List<String> topics, String zip) {
    }
}
