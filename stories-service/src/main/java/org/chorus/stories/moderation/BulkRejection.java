package org.chorus.stories.moderation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Obvious spam rejected many at a time: each story with the version the moderator saw, and one reason, which every
 * author reads through their manage link.
 */
record BulkRejection(
        @NotEmpty(message = "must name at least one story")
        @Size(max = MAX, message = "must name at most {max} stories")
        List<@Valid @NotNull(message = "must be a story and the version you saw") StoryVersion> stories,

        @NotBlank(message = "must not be blank: the authors will read it")
        @Size(max = 2000, message = "must be at most {max} characters")
        @Pattern(regexp = Rejection.PLAIN_TEXT, message = Rejection.PLAIN_TEXT_MESSAGE)
        String reason) {

    static final int MAX = 100;

    record StoryVersion(
            @NotNull(message = "is required: the story's id") UUID id,
            @NotNull(message = "is required: the version of the story you reviewed") Integer version) {
    }

    /** What became of one story: {@code REJECTED} with its new version, or {@code CONFLICT}/{@code NOT_FOUND} and why. */
    record Outcome(UUID id, String outcome, Integer version, String detail) {
    }
}
