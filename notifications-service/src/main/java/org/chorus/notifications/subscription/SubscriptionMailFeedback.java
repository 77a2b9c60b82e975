package org.chorus.notifications.subscription;

import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.mail.FeedbackTarget;
import org.chorus.notifications.mail.MailReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Bounces and complaints about subscription mail (confirmations, "already subscribed"): the mail is marked bounced. */
@Component
class SubscriptionMailFeedback implements FeedbackTarget {

    private final SubscriberFeedback subscribers;

    SubscriptionMailFeedback(SubscriberFeedback subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public char referenceKind() {
        return 's';
    }

    @Override
    public Mono<Boolean> apply(MailReference reference, Feedback feedback) {
        return subscribers.applyToMail(SubscriberFeedback.MailTable.SUBSCRIPTION, reference.first(), feedback);
    }
}
