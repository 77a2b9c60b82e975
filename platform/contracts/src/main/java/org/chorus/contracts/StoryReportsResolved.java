package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/** A moderator looked at the reports on a story and resolved them; the story no longer waits because of them. */
public record StoryReportsResolved(UUID eventId, Instant occurredAt, UUID storyId) implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
