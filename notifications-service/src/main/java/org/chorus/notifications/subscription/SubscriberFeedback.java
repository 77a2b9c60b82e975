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

    /**
     * A report about one mail to a subscriber, kept in {@code mailTable} (id, subscriber_id, sent_at, bounced_at,
     * last_error): if the mail was sent and the report is about its subscriber, a bounce marks the mail and the
     * subscriber is treated as for any mail to them.
     *
     * @param mailTable one of Chorus's own mail tables, named in code, never from a report
     * @return whether the report was about that mail
     */
    public Mono<Boolean> applyToMail(MailTable mailTable, UUID mailId, Feedback feedback) {
        String table = mailTable.table;
        return db.sql("select subscriber_id from " + table + " where id = :id and sent_at is not null")
                .bind("id", mailId)
                .map(row -> row.get("subscriber_id", UUID.class))
                .one()
                .filterWhen(subscriber -> isAbout(subscriber, feedback))
                .flatMap(subscriber -> (feedback.isBounce()
                        ? db.sql("update " + table + " set bounced_at = coalesce(bounced_at, now()), last_error = :why "
                                        + "where id = :id")
                                .bind("why", "bounced after delivery: " + feedback.detail())
                                .bind("id", mailId).then()
                        : Mono.<Void>empty())
                        .then(apply(subscriber, feedback.type()))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /** The tables that keep one mail to a subscriber per row. */
    public enum MailTable {
        /** confirmations and "already subscribed" */
        SUBSCRIPTION("subscriber_mail"),
        /** "new help near you" */
        HELP_NEAR_YOU("help_near_you_mail");

        private final String table;

        MailTable(String table) {
            this.table = table;
        }
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
