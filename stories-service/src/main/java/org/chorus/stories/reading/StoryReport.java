package org.chorus.stories.reading;

import jakarta.validation.constraints.NotNull;
import org.chorus.stories.taxonomy.ReportReason;

/** A reader's report of a published story. */
record StoryReport(@NotNull(message = "is required") ReportReason reason) {
}
