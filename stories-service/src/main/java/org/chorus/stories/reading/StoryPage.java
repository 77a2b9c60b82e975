package org.chorus.stories.reading;

import java.util.List;

/** One page of published stories, newest first. */
record StoryPage(List<StorySummary> items, int page, int size, boolean hasMore) {
}
