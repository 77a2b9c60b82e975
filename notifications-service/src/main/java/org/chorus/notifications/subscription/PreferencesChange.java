package org.chorus.notifications.subscription;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole of a subscriber's settings as the preference centre sends them back. {@code pausedUntil} absent means
 * "not paused"; to stop all mail there is unsubscribe, so the topics cannot be emptied here.
 */
record PreferencesChange(
        @NotNull(message = "is required")
        @Pattern(regexp = "en|es", message = "must be one of: en, es")
        String language,

        @NotEmpty(message = "must name at least one topic (to stop all mail, unsubscribe)")
        @Size(max = 10, message = "must hold at most {max} topics")
        List<@NotNull(message = "must not be null") @Pattern(regexp = Topic.NAMES, message = Topic.MESSAGE) String> topics,

        String zip,

        LocalDate pausedUntil) {

    Settings settings() {
        return Topic.settings(language, topics, zip);
    }
}
