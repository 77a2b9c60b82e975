package org.chorus.notifications.nearby;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.ResourcePublished;
import org.chorus.contracts.ResourceRemoved;
import org.chorus.contracts.ResourceUpdated;
import org.chorus.contracts.Topics;
import org.chorus.messaging.EventIntake;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Follows the directory's topic in a consumer group of its own: each event once (messaging's idempotent intake), what
 * it cannot read parked on {@code chorus.resources.v1.notifications-help-near-you.dlt}. A service added, published
 * again or back from a temporary closure is news; one that closes again is not any more.
 */
@Component
class ResourceEventsListener {

    static final String CONSUMER = "notifications-help-near-you";
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private final EventIntake intake;
    private final NearbyServices services;

    ResourceEventsListener(EventIntake intake, NearbyServices services) {
        this.intake = intake;
        this.services = services;
    }

    // the listener thread is Kafka's own, not an event loop, so waiting for the database here is fine
    @KafkaListener(id = "notifications-help-near-you", groupId = CONSUMER, topics = Topics.RESOURCES)
    void on(ConsumerRecord<String, String> record) {
        intake.once(record, CONSUMER, this::apply).block(HANDLING_TIMEOUT);
    }

    private Mono<Void> apply(IntegrationEvent event) {
        if (event instanceof ResourcePublished published) {
            if (published.status() != null && !"active".equals(published.status())) {
                return services.closed(published.serviceId());
            }
            return services.news(published.serviceId(), published.name(), published.postalCode(),
                    published.taxonomyTerms(), published.latitude(), published.longitude(), published.occurredAt());
        }
        if (event instanceof ResourceUpdated updated) {
            if (updated.status() != null && !"active".equals(updated.status())) {
                return services.closed(updated.serviceId());
            }
            if (Boolean.TRUE.equals(updated.reopened())) {
                return services.news(updated.serviceId(), updated.name(), updated.postalCode(),
                        updated.taxonomyTerms(), updated.latitude(), updated.longitude(), updated.occurredAt());
            }
            return services.changed(updated.serviceId(), updated.name(), updated.postalCode(),
                    updated.taxonomyTerms(), updated.latitude(), updated.longitude());
        }
        if (event instanceof ResourceRemoved removed) {
            return services.closed(removed.serviceId());
        }
        return Mono.empty();
    }
}
