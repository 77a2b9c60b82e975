package org.chorus.notifications.receipt;

import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryAuthorOfferedHelp;
import org.chorus.contracts.StoryContactProvided;
import org.chorus.contracts.StoryContactSealed;
import org.chorus.contracts.StoryPublished;
import org.chorus.contracts.StoryRejected;
import org.chorus.contracts.StorySubmitted;
import org.chorus.contracts.StoryWithdrawn;
import org.chorus.contracts.Topics;
import org.chorus.messaging.EventIntake;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Story events that lead to mail for the author (receipt, published, rejected, the hotlines a moderator sent). Each event is applied once
 * (deduplicated by its CloudEvents id) and a record that cannot be read is parked on the dead-letter topic; a contact tombstone erases the author's address and any mail to it not yet
 * sent, and a withdrawal erases everything held about the story.
 */
@Component
class StoryEventsListener {

    static final String CONSUMER = "notifications";
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private final EventIntake intake;
    private final Receipts receipts;

    StoryEventsListener(EventIntake intake, Receipts receipts) {
        this.intake = intake;
        this.receipts = receipts;
    }

    // the listener thread is Kafka's own, not an event loop, so waiting for the database here is fine; the delivery's
    // observation (its span, a child of the record's traceparent) goes along, so a mail queued here keeps the trace
    @KafkaListener(id = "notifications-story-events", groupId = CONSUMER,
            topics = {Topics.STORIES, Topics.STORY_CONTACTS})
    void on(ConsumerRecord<String, String> record) {
        handle(record).contextCapture().block(HANDLING_TIMEOUT);
    }

    Mono<?> handle(ConsumerRecord<String, String> record) {
        if (record.value() == null && Topics.STORY_CONTACTS.equals(record.topic())) {
            return receipts.forgetContact(UUID.fromString(record.key()));
        }
        return intake.once(record, CONSUMER, this::apply);
    }

    private Mono<?> apply(IntegrationEvent event) {
        if (event instanceof StorySubmitted submitted) {
            return receipts.storySubmitted(submitted);
        }
        if (event instanceof StoryContactSealed contact) {
            return receipts.contactSealed(contact);
        }
        if (event instanceof StoryContactProvided contact) {
            return receipts.contactProvided(contact);
        }
        if (event instanceof StoryPublished published) {
            return receipts.storyPublished(published);
        }
        if (event instanceof StoryRejected rejected) {
            return receipts.storyRejected(rejected);
        }
        if (event instanceof StoryAuthorOfferedHelp help) {
            return receipts.helpOffered(help);
        }
        if (event instanceof StoryWithdrawn withdrawn) {
            return receipts.storyWithdrawn(withdrawn.storyId());
        }
        return Mono.empty();
    }
}
