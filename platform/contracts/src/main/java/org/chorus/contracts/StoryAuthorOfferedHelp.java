package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A moderator asked that the author of a story be sent the hotlines (the story mentions self-harm or danger).
 * notifications-service mails them only if the author consented to be contacted and left an address; the event
 * itself carries no personal data.
 */
public record StoryAuthorOfferedHelp(UUID eventId, Instant occurredAt, UUID storyId) implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
