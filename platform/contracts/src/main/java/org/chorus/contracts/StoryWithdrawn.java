package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/** The author withdrew their story: every copy of it, and of their contact, must now be erased. */
public record StoryWithdrawn(UUID eventId, Instant occurredAt, UUID storyId) implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
