package org.chorus.stories.moderation;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A moderator asking for the next story, passing over the ones they skipped. */
record NextClaim(@Size(max = 500, message = "must name at most {max} stories") List<UUID> skip) {
}
