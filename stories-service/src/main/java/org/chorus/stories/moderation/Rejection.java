package org.chorus.stories.moderation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A moderator's decision to reject; the author reads {@code reason} through their manage link. */
record Rejection(
        @NotNull(message = "is required: the version of the story you reviewed")
        Integer version,

        @NotBlank(message = "must not be blank: the author will read it")
        @Size(max = 2000, message = "must be at most {max} characters")
        @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String reason) {

    /**
     * Text PostgreSQL can store and a browser can show: no U+0000 (PostgreSQL refuses it in {@code text}, which
     * would be a 500) and no unpaired surrogate (not a character; UTF-8 cannot encode it). Possessive, so it is
     * linear on the longest text.
     */
    static final String PLAIN_TEXT = "[^\\x{0}\\p{Cs}]*+";
    static final String PLAIN_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";
}
