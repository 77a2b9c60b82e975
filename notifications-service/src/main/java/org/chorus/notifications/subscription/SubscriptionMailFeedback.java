package org.chorus.notifications.subscription;

import java.util.UUID;
import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.mail.FeedbackTarget;
import org.chorus.notifications.mail.MailReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Bounces and complaints about subscription mail (confirmations, "already subscribed"): the mail is marked bounced. */
@Component
class SubscriptionMailFeedback implements FeedbackTarget {

    private final DatabaseClient db;
    private final SubscriberFeedback subscribers;

    SubscriptionMailFeedback(DatabaseClient db, SubscriberFeedback subscribers) {
        this.db = db;
        this.subscribers = subscribers;
    }

    @Override
    public char referenceKind() {
        return 's';
    }

    @Override
    public Mono<Boolean> apply(MailReference reference, Feedback feedback) {
        return db.sql("select subscriber_id from subscriber_mail where id = :id and sent_at is not null")
                .bind("id", reference.first())
                .map(row -> row.get("subscriber_id", UUID.class))
                .one()
                .filterWhen(subscriber -> subscribers.isAbout(subscriber, feedback))
                .flatMap(subscriber -> (feedback.isBounce()
                        ? db.sql("update subscriber_mail set bounced_at = coalesce(bounced_at, now()), last_error = :why "
                                        + "where id = :id")
                                .bind("why", "bounced after delivery: " + feedback.detail())
                                .bind("id", reference.first()).then()
                        : Mono.<Void>empty())
                        .then(subscribers.apply(subscriber, feedback.type()))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }
}
