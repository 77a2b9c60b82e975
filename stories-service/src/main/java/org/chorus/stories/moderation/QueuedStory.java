package org.chorus.stories.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.story.StoryStatus;

/**
 * A story as the moderation queue lists it; {@code version} goes back with the moderator's decision. {@code urgent}:
 * it mentions self-harm or immediate danger; {@code claimedBy} and {@code claimExpiresAt}: the live claim, if any.
 */
record QueuedStory(UUID id, String title, String language, StoryStatus status, Instant submittedAt, int version,
                   List<String> contentWarnings, boolean urgent, String claimedBy, Instant claimExpiresAt) {
}
