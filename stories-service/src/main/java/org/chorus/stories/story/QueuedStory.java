package org.chorus.stories.story;

import java.time.Instant;
import java.util.UUID;

/** A story as the moderation queue lists it. */
record QueuedStory(UUID id, String title, String language, StoryStatus status, Instant submittedAt) {
}
