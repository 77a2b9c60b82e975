package org.chorus.notifications.digest;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryFlagged;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryRejected;
import org.chorus.contracts.StoryReportsResolved;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.EventIntake;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Follows the story topic in its own consumer group, so the digest keeps its own offsets and a slow mail server
 * for author receipts never holds it back (or the other way round). What it cannot read goes to its own dead-letter
 * topic.
 */
@Component
class ModerationEventsListener {

    static final String CONSUMER = "notifications-digest";
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private final EventIntake intake;
    private final ModerationQueue queue;

    ModerationEventsListener(EventIntake intake, ModerationQueue queue) {
        this.intake = intake;
        this.queue = queue;
    }

    // the listener thread is Kafka's own, not an event loop, so waiting for the database here is fine
    @KafkaListener(id = "notifications-moderation-digest", groupId = CONSUMER, topics = Topics.STORIES)
    void on(ConsumerRecord<String, String> record) {
        intake.once(record, CONSUMER, this::apply).block(HANDLING_TIMEOUT);
    }

    private Mono<Void> apply(IntegrationEvent event) {
        if (event instanceof StorySubmitted submitted) {
            return queue.waiting(submitted.storyId(), "submitted", submitted.occurredAt());
        }
        if (event instanceof StoryFlagged flagged) {
            return queue.waiting(flagged.storyId(), "flagged", flagged.occurredAt());
        }
        if (event instanceof StoryReportsResolved resolved) {
            return queue.reportsResolved(resolved.storyId());
        }
        if (event instanceof StoryPublished || event instanceof StoryRejected || event instanceof StoryWithdrawn) {
            return queue.settled(UUID.fromString(event.key()));
        }
        return Mono.empty();
    }
}
