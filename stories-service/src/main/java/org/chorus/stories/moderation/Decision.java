package org.chorus.stories.moderation;

import java.util.UUID;
import org.chorus.stories.story.StoryStatus;

/** The outcome of a moderator's decision, with the version to send with the next one. */
public record Decision(UUID id, StoryStatus status, int version) {
}
