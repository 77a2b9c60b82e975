package org.chorus.notifications.subscription;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What the public subscribe form sends. Nothing else about the person is asked for or kept. */
record SubscriptionRequest(
        @NotNull(message = "is required")
        @Size(max = 254, message = "must be at most {max} characters")
        @Pattern(regexp = Topic.EMAIL, message = "must be an email address")
        String email,

        @NotNull(message = "is required")
        @Pattern(regexp = "en|es", message = "must be one of: en, es")
        String language,

        @NotEmpty(message = "must name at least one topic")
        @Size(max = 10, message = "must hold at most {max} topics")
        List<@NotNull(message = "must not be null") @Pattern(regexp = Topic.NAMES, message = Topic.MESSAGE) String> topics,

        String zip) {

    /** The rules that span fields; the single-field ones are the annotations above. */
    Settings settings() {
        return Topic.settings(language, topics, zip);
    }
}
