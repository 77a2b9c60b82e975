package org.chorus.stories.moderation;

import jakarta.validation.constraints.NotNull;

/** A moderator featuring a published story on the front page, or taking it off. */
record Featuring(@NotNull(message = "is required") Boolean featured) {
}
