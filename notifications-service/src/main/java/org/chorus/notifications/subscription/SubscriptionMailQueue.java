package org.chorus.notifications.subscription;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.mail.MailQueue;
import org.chorus.notifications.privacy.EmailVault;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Queued subscription mail (confirmations, "already subscribed" notices), sent by the shared {@link MailQueue}. The
 * address is opened only at send time, from the subscriber row, so a sign-up erased or purged before its mail went
 * out is never written to.
 */
@Component
class SubscriptionMailQueue implements MailQueue.Source {

    private final DatabaseClient db;
    private final EmailVault vault;
    private final MailLinks links;
    private final SubscriptionProperties properties;

    SubscriptionMailQueue(DatabaseClient db, EmailVault vault, MailLinks links, SubscriptionProperties properties) {
        this.db = db;
        this.vault = vault;
        this.links = links;
        this.properties = properties;
    }

    @Override
    public String table() {
        return "subscriber_mail";
    }

    @Override
    public char referenceKind() {
        return 's';
    }

    @Override
    public Flux<MailQueue.Due> lockDue(int limit) {
        return db.sql("""
                        select m.id, m.attempts, m.kind, m.subscriber_id, s.email_key_id, s.email_ciphertext,
                               s.language, s.topics, s.help_zip, m.traceparent
                        from subscriber_mail m join subscriber s on s.id = m.subscriber_id
                        where %s
                        %s""".formatted(DUE, SOONEST_FIRST))
                .bind("limit", limit)
                .map(row -> {
                    Queued queued = new Queued(row.get("kind", String.class), row.get("subscriber_id", UUID.class),
                            row.get("email_key_id", String.class), row.get("email_ciphertext", byte[].class),
                            row.get("language", String.class), List.of(row.get("topics", String[].class)),
                            row.get("help_zip", String.class));
                    return new MailQueue.Due(row.get("id", UUID.class), row.get("attempts", Integer.class),
                            () -> letter(queued), row.get("traceparent", String.class));
                })
                .all();
    }

    private MailQueue.Letter letter(Queued queued) {
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
        return new MailQueue.Letter(vault.open(queued.keyId(), queued.ciphertext()), content.subject(), content.body(),
                headers);
    }

    private record Queued(String kind, UUID subscriberId, String keyId, byte[] ciphertext, String language,
                          List<String> topics, String zip) {
    }
}
