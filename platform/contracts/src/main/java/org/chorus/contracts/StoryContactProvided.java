package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The author of a story consented to be contacted about it and gave an email address, in clear. No longer produced:
 * it put the address in clear into the outbox row, the write-ahead log and the Kafka segment; {@link StoryContactSealed}
 * replaces it. Consumers keep reading it for as long as records of it may still be on the compacted
 * {@link Topics#STORY_CONTACTS} topic (until compaction or the withdrawals' tombstones remove them).
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
