package org.chorus.stories.story;

/** A withdrawn story has no status: it is erased. */
enum StoryStatus {
    SUBMITTED, PUBLISHED, REJECTED
}
