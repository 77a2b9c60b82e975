package org.chorus.stories.moderation;

import jakarta.validation.constraints.NotNull;
import org.chorus.stories.taxonomy.ReportReason;

/** A moderator flagging a story for a second look, with one of the readers' report reasons. */
record ModeratorFlag(@NotNull(message = "is required: one of the report reasons") ReportReason reason) {
}
