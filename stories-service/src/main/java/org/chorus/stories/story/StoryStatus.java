package org.chorus.stories.story;

enum StoryStatus {
    SUBMITTED, PUBLISHED, REJECTED
}
