package org.chorus.notifications.nearby;

import java.util.UUID;
import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.mail.FeedbackTarget;
import org.chorus.notifications.mail.MailReference;
import org.chorus.notifications.subscription.SubscriberFeedback;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Bounces and complaints about "new help near you" mail: the mail is marked bounced, and the subscriber is treated as
 * for any mail to them (a hard bounce suppresses the address, a complaint unsubscribes at once).
 */
@Component
class HelpNearYouFeedback implements FeedbackTarget {

    private final DatabaseClient db;
    private final SubscriberFeedback subscribers;

    HelpNearYouFeedback(DatabaseClient db, SubscriberFeedback subscribers) {
        this.db = db;
        this.subscribers = subscribers;
    }

    @Override
    public char referenceKind() {
        return 'h';
    }

    @Override
    public Mono<Boolean> apply(MailReference reference, Feedback feedback) {
        return db.sql("select subscriber_id from help_near_you_mail where id = :id and sent_at is not null")
                .bind("id", reference.first())
                .map(row -> row.get("subscriber_id", UUID.class))
                .one()
                .filterWhen(subscriber -> subscribers.isAbout(subscriber, feedback))
                .flatMap(subscriber -> (feedback.isBounce()
                        ? db.sql("update help_near_you_mail set bounced_at = coalesce(bounced_at, now()),"
                                        + " last_error = :why where id = :id")
                                .bind("why", "bounced after delivery: " + feedback.detail())
                                .bind("id", reference.first()).then()
                        : Mono.<Void>empty())
                        .then(subscribers.apply(subscriber, feedback.type()))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }
}
