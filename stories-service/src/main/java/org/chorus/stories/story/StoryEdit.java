package org.chorus.stories.story;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The author's new version of their story. Before moderation it replaces the text; once published it becomes a
 * revision that waits for review while the approved version stays up.
 */
record StoryEdit(
        @Size(max = StorySubmission.MAX_TITLE, message = "must be at most {max} characters")
        String title,

        @NotBlank(message = "must not be blank")
        @Size(max = StorySubmission.MAX_TEXT, message = "must be at most {max} characters")
        String text,

        @Size(max = 10, message = "must hold at most {max} warnings")
        List<String> contentWarnings) {
}
