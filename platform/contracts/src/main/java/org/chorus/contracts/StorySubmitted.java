package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A member of the public shared a story; it now waits for moderation. Carries no text and no contact:
 * the contact, when consented to, travels separately as {@link StoryContactProvided}.
 *
 * @param language the story's language (BCP 47 tag such as {@code en} or {@code es})
 */
public record StorySubmitted(UUID eventId, Instant occurredAt, UUID storyId, String language)
        implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }
}
