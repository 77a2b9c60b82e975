package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/** A moderator decided not to publish a story. The reason is for the author, through the manage link only. */
public record StoryRejected(UUID eventId, Instant occurredAt, UUID storyId, String language)
        implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
