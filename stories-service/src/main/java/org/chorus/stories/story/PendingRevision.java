package org.chorus.stories.story;

import java.time.Instant;
import java.util.List;

/** An author's edit of a published story, waiting for a moderator. */
record PendingRevision(String title, String text, List<String> contentWarnings, Instant submittedAt) {
}
