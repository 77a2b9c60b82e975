package org.chorus.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The story is gone: every copy of it, and of its author's contact, must now be erased. {@code reason} says why:
 * {@link #BY_AUTHOR} when its author withdrew it, {@link #RETENTION} when a rejected story's retention ran out.
 * Events written before the field existed have none; read them as {@link #BY_AUTHOR}.
 */
public record StoryWithdrawn(UUID eventId, Instant occurredAt, UUID storyId, String reason)
        implements IntegrationEvent {

    public static final String BY_AUTHOR = "author";
    public static final String RETENTION = "retention";

    @Override
    public String key() {
        return storyId.toString();
    }
}
