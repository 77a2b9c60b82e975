package org.chorus.notifications.subscription;

import java.util.UUID;
import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.privacy.EmailVault;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a bounce or complaint about mail to a subscriber does to the subscription, whichever mail it was (a campaign's
 * or the subscription's own): a hard bounce suppresses the address, soft bounces suppress it once they reach
 * {@code chorus.notifications.subscriptions.soft-bounce-limit}, a complaint unsubscribes at once (recorded in the
 * consent ledger as such). A suppressed subscriber gets no campaign mail; signing up and confirming again lifts it.
 */
@Component
public class SubscriberFeedback {

    private final DatabaseClient db;
    private final EmailVault vault;
    private final Subscriptions subscriptions;
    private final SubscriptionProperties properties;

    SubscriberFeedback(DatabaseClient db, EmailVault vault, Subscriptions subscriptions,
                       SubscriptionProperties properties) {
        this.db = db;
        this.vault = vault;
        this.subscriptions = subscriptions;
        this.properties = properties;
    }

    /**
     * Whether the report is about this subscriber: they exist, and a bounce names their address (a complaint may name
     * none, as providers often redact it, but may not name another). A forged bounce for an address we never mailed,
     * or for a mail of ours sent to someone else, matches nothing.
     */
    public Mono<Boolean> isAbout(UUID subscriberId, Feedback feedback) {
        return db.sql("select email_key_id, email_ciphertext from subscriber where id = :id for update")
                .bind("id", subscriberId)
                .map(row -> {
                    try {
                        return vault.open(row.get("email_key_id", String.class),
                                row.get("email_ciphertext", byte[].class));
                    } catch (RuntimeException unreadable) {
                        return "";
                    }
                })
                .one()
                .map(address -> feedback.names(address) || !feedback.isBounce() && feedback.recipients().isEmpty())
                .defaultIfEmpty(false);
    }

    /** Applies a report already found to be about this subscriber ({@link #isAbout}). */
    public Mono<Void> apply(UUID subscriberId, Feedback.Type type) {
        return switch (type) {
            case HARD_BOUNCE -> db.sql("""
                            update subscriber set suppressed_at = coalesce(suppressed_at, now()),
                                suppressed_reason = coalesce(suppressed_reason, 'hard-bounce'), updated_at = now()
                            where id = :id""")
                    .bind("id", subscriberId).then();
            case SOFT_BOUNCE -> db.sql("""
                            update subscriber set soft_bounces = soft_bounces + 1,
                                suppressed_at = case when suppressed_at is null and soft_bounces + 1 >= :limit
                                                     then now() else suppressed_at end,
                                suppressed_reason = case when suppressed_reason is null and soft_bounces + 1 >= :limit
                                                         then 'soft-bounces' else suppressed_reason end,
                                updated_at = now()
                            where id = :id""")
                    .bind("id", subscriberId)
                    .bind("limit", properties.softBounceLimit())
                    .then();
            case COMPLAINT -> subscriptions.unsubscribeOnComplaint(subscriberId);
        };
    }
}
