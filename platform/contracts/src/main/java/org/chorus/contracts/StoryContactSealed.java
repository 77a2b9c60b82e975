package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The author of a story consented to be contacted about it and gave an email address, which travels sealed to
 * notifications-service: stories-service seals it with notifications' public key {@code keyId} before it is stored
 * anywhere (messaging's {@code SealedBox}, the story id as context), so the outbox row, the Kafka record and every copy
 * of them (write-ahead log, log segments, backups) hold only bytes that notifications' private key alone opens.
 * Published only on the compacted {@link Topics#STORY_CONTACTS} topic, keyed by story id; the withdrawal's tombstone
 * makes Kafka forget it. It replaces {@link StoryContactProvided}, which carried the address in clear.
 *
 * @param keyId       which of notifications' contact keys it is sealed to, so that key can be rotated
 * @param sealedEmail base64 of the sealed address
 * @param language    the language the author wrote in, used for mail to them
 */
public record StoryContactSealed(UUID eventId, Instant occurredAt, UUID storyId, String keyId, String sealedEmail,
                                 String language) implements IntegrationEvent {

    /** What the address is sealed under besides the key: the story it belongs to. */
    public static String context(UUID storyId) {
        return "chorus/story-contact/" + storyId;
    }

    @Override
    public String key() {
        return storyId.toString();
    }

    @Override
    public String toString() {
        // sealed or not, a copy of the address in a log line is one more copy that erasure would have to reach
        return "StoryContactSealed[eventId=" + eventId + ", storyId=" + storyId + ", keyId=" + keyId + "]";
    }
}
