package org.chorus.stories.story;

/** A withdrawn story has no status: it is erased. */
public enum StoryStatus {
    SUBMITTED, PUBLISHED, REJECTED
}
