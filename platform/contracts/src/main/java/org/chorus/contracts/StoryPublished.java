package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/** A moderator published a story (or an approved revision of it); it is now on the public site. */
public record StoryPublished(UUID eventId, Instant occurredAt, UUID storyId, String language)
        implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
