package org.chorus.stories.moderation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A moderator's decision to reject; the author reads {@code reason} through their manage link. */
record Rejection(
        @NotNull(message = "is required: the version of the story you reviewed")
        Integer version,

        @NotBlank(message = "must not be blank: the author will read it")
        @Size(max = 2000, message = "must be at most {max} characters")
        String reason) {
}
