package org.chorus.stories.story;

import java.util.UUID;

/** The outcome of a moderator's decision, with the version to send with the next one. */
record Decision(UUID id, StoryStatus status, int version) {
}
