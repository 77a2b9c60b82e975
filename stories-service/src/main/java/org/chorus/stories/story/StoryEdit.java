package org.chorus.stories.story;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.chorus.stories.taxonomy.AuthorName;

/**
 * The author's new version of their story. Before moderation it replaces the text; once published it becomes a
 * revision that waits for review while the approved version stays up. {@code namedAs} left out keeps the naming as
 * it is; a new name on a published story waits for review with the revision, but going anonymous never waits.
 * {@code themes} left out keeps the suggested themes.
 */
record StoryEdit(
        @Size(max = StorySubmission.MAX_TITLE, message = "must be at most {max} characters")
        String title,

        @NotBlank(message = "must not be blank")
        @Size(max = StorySubmission.MAX_TEXT, message = "must be at most {max} characters")
        String text,

        @Size(max = 10, message = "must hold at most {max} warnings")
        List<String> contentWarnings,

        String namedAs,

        String name,

        List<String> themes) {

    /** The naming asked for, checked; null when the edit leaves it as it is. */
    AuthorName author() {
        if (namedAs == null && (name == null || name.isBlank())) {
            return null;
        }
        return AuthorName.of(namedAs, name, "namedAs", "name");
    }
}
