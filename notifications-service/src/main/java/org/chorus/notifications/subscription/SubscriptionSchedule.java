package org.chorus.notifications.subscription;

import java.time.Duration;
import org.chorus.messaging.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Unconfirmed sign-ups are deleted for real once their window has passed; every instance may run this at once. */
@Component
class SubscriptionSchedule extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSchedule.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Subscriptions subscriptions;
    private final SubscriptionProperties properties;

    SubscriptionSchedule(Subscriptions subscriptions, SubscriptionProperties properties) {
        super("subscription-purge");
        this.subscriptions = subscriptions;
        this.properties = properties;
    }

    @Override
    protected Duration firstDelay() {
        return properties.purgeEvery();
    }

    @Override
    protected Duration round() {
        try {
            Long purged = subscriptions.purgeExpired().block(TIMEOUT);
            if (purged != null && purged > 0) {
                log.info("Deleted {} unconfirmed sign-ups past their confirmation window", purged);
            }
        } catch (RuntimeException e) {
            log.warn("Purge of unconfirmed sign-ups failed: {}", e.getClass().getName());
        }
        return properties.purgeEvery();
    }
}
