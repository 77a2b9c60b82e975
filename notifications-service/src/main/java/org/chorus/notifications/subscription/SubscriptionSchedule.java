package org.chorus.notifications.subscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/** Unconfirmed sign-ups are deleted for real once their window has passed; every instance may run this at once. */
@Configuration
@EnableScheduling
class SubscriptionSchedule {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSchedule.class);

    private final Subscriptions subscriptions;

    SubscriptionSchedule(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Scheduled(fixedDelayString = "${chorus.notifications.subscriptions.purge-every:10m}",
            initialDelayString = "${chorus.notifications.subscriptions.purge-every:10m}")
    Mono<Long> purgeExpiredSignUps() {
        return subscriptions.purgeExpired()
                .doOnNext(purged -> {
                    if (purged > 0) {
                        log.info("Deleted {} unconfirmed sign-ups past their confirmation window", purged);
                    }
                })
                .onErrorResume(e -> {
                    log.warn("Purge of unconfirmed sign-ups failed: {}", e.getClass().getName());
                    return Mono.just(0L);
                });
    }
}
