package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A reader reported a story; it waits for a moderator and stays visible meanwhile.
 *
 * @param reason one of the fixed report reasons (e.g. {@code IDENTIFIES_SOMEONE}), never free text
 */
public record StoryFlagged(UUID eventId, Instant occurredAt, UUID storyId, String reason) implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
