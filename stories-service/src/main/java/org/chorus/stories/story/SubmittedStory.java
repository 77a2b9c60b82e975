package org.chorus.stories.story;

import java.util.UUID;

/** The answer to a submission. */
record SubmittedStory(UUID id, StoryStatus status) {
}
