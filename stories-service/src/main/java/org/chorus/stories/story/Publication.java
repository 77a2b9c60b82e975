package org.chorus.stories.story;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A moderator's decision to publish. Left out, {@code title}, {@code text} and {@code contentWarnings} keep the
 * author's; given, {@code text} replaces the published text (redactions: names, places, anything identifying).
 */
record Publication(
        @NotNull(message = "is required: the version of the story you reviewed")
        Integer version,

        @Size(max = StorySubmission.MAX_TITLE, message = "must be at most {max} characters")
        String title,

        @Size(max = StorySubmission.MAX_TEXT, message = "must be at most {max} characters")
        String text,

        @Size(max = 10, message = "must hold at most {max} warnings")
        List<String> contentWarnings) {
}
