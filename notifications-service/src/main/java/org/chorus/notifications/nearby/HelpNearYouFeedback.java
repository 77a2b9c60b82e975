package org.chorus.notifications.nearby;

import org.chorus.notifications.mail.Feedback;
import org.chorus.notifications.mail.FeedbackTarget;
import org.chorus.notifications.mail.MailReference;
import org.chorus.notifications.subscription.SubscriberFeedback;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Bounces and complaints about "new help near you" mail: the mail is marked bounced, and the subscriber is treated as
 * for any mail to them (a hard bounce suppresses the address, a complaint unsubscribes at once).
 */
@Component
class HelpNearYouFeedback implements FeedbackTarget {

    private final SubscriberFeedback subscribers;

    HelpNearYouFeedback(SubscriberFeedback subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public char referenceKind() {
        return 'h';
    }

    @Override
    public Mono<Boolean> apply(MailReference reference, Feedback feedback) {
        return subscribers.applyToMail(SubscriberFeedback.MailTable.HELP_NEAR_YOU, reference.first(), feedback);
    }
}
