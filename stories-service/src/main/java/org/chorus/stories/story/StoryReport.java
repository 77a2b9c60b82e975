package org.chorus.stories.story;

import jakarta.validation.constraints.NotNull;

/** A reader's report of a published story. */
record StoryReport(@NotNull(message = "is required") ReportReason reason) {
}
