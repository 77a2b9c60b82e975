package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The author of a story consented to be contacted about it and gave an email address. Published only on the
 * compacted {@link Topics#STORY_CONTACTS} topic, keyed by story id, so that the tombstone written on
 * withdrawal makes Kafka itself forget the address.
 *
 * @param language the language the author wrote in, used for mail to them
 */
public record StoryContactProvided(UUID eventId, Instant occurredAt, UUID storyId, String email, String language)
        implements IntegrationEvent {

    @Override
    public String key() {
        return storyId.toString();
    }

    @Override
    public String toString() {
        // the address must never reach a log line through a careless toString()
        return "StoryContactProvided[eventId=" + eventId + ", storyId=" + storyId + "]";
    }
}
