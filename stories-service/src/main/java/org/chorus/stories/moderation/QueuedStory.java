package org.chorus.stories.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.story.StoryStatus;

/** A story as the moderation queue lists it; {@code version} goes back with the moderator's decision. */
record QueuedStory(UUID id, String title, String language, StoryStatus status, Instant submittedAt, int version,
                   List<String> contentWarnings) {
}
