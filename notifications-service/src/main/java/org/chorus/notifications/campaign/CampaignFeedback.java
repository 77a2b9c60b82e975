package org.chorus.notifications.campaign;

import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.mail.FeedbackTarget;
import org.chorus.notifications.mail.MailReference;
import org.chorus.notifications.subscription.SubscriberFeedback;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Bounces and complaints about a campaign mail: a hard bounce turns its ledger row from sent to bounced (so the
 * campaign's failure ratio and "who was missed" include it), a complaint marks the row, and the subscription hears of
 * both ({@link SubscriberFeedback}). Only a row that was sent, to the address the report names, counts.
 */
@Component
class CampaignFeedback implements FeedbackTarget {

    private final DatabaseClient db;
    private final SubscriberFeedback subscribers;

    CampaignFeedback(DatabaseClient db, SubscriberFeedback subscribers) {
        this.db = db;
        this.subscribers = subscribers;
    }

    @Override
    public char referenceKind() {
        return DeliveryWorker.DELIVERY;
    }

    @Override
    public Mono<Boolean> apply(MailReference reference, Feedback feedback) {
        if (reference.second() == null) {
            return Mono.just(false);
        }
        return db.sql("""
                        select 1 from campaign_delivery
                        where campaign_id = :campaign and subscriber_id = :subscriber and state in ('sent', 'bounced')
                        for update""")
                .bind("campaign", reference.first())
                .bind("subscriber", reference.second())
                .map(row -> true)
                .one()
                .filterWhen(sent -> subscribers.isAbout(reference.second(), feedback))
                .flatMap(matched -> ledger(reference, feedback)
                        .then(subscribers.apply(reference.second(), feedback.type()))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    private Mono<Void> ledger(MailReference reference, Feedback feedback) {
        String change = switch (feedback.type()) {
            case HARD_BOUNCE -> "state = 'bounced', last_error = :why";
            case SOFT_BOUNCE -> "last_error = :why";
            case COMPLAINT -> "complained_at = coalesce(complained_at, now())";
        };
        var update = db.sql("update campaign_delivery set " + change + ", updated_at = now() "
                        + "where campaign_id = :campaign and subscriber_id = :subscriber")
                .bind("campaign", reference.first())
                .bind("subscriber", reference.second());
        if (feedback.isBounce()) {
            update = update.bind("why", (feedback.type() == Feedback.Type.HARD_BOUNCE ? "bounced" : "soft bounce")
                    + " after delivery: " + feedback.detail());
        }
        return update.then();
    }
}
