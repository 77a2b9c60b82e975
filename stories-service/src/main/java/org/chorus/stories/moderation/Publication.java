package org.chorus.stories.moderation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.chorus.stories.story.StorySubmission;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.Theme;
import org.chorus.web.InvalidInput;

/**
 * A moderator's decision to publish. Left out, {@code title}, {@code text}, {@code contentWarnings} and {@code name}
 * keep the author's; given, {@code text} replaces the published text (redactions: names, places, anything
 * identifying) and {@code name} the author's first name or pseudonym, an empty {@code name} publishing the story
 * anonymously. A moderator can never name an author who chose to be anonymous. {@code themes} (from {@link Theme})
 * are what readers find the story under; left out, the author's suggestions on publication, and the themes already
 * set when a revision is approved.
 */
record Publication(
        @NotNull(message = "is required: the version of the story you reviewed")
        Integer version,

        @Size(max = StorySubmission.MAX_TITLE, message = "must be at most {max} characters")
        @Pattern(regexp = Rejection.PLAIN_TEXT, message = Rejection.PLAIN_TEXT_MESSAGE)
        String title,

        @Size(max = StorySubmission.MAX_TEXT, message = "must be at most {max} characters")
        @Pattern(regexp = Rejection.PLAIN_TEXT, message = Rejection.PLAIN_TEXT_MESSAGE)
        String text,

        @Size(max = 10, message = "must hold at most {max} warnings")
        List<String> contentWarnings,

        String name,

        List<String> themes) {

    /**
     * The naming to publish: the author's as given, anonymous when the moderator emptied the name, or the author's
     * kind of naming with the moderator's redacted name.
     */
    AuthorName author(AuthorName authors) {
        if (name == null) {
            return authors;
        }
        if (name.isBlank()) {
            return AuthorName.ANONYMOUS;
        }
        if (authors.anonymous()) {
            throw new InvalidInput("name", "must be left out: the author chose to be anonymous");
        }
        return new AuthorName(authors.namedAs(), AuthorName.validName(name, "name"));
    }
}
