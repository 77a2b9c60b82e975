package org.chorus.stories.moderation;

import java.time.Instant;
import java.util.UUID;

/** One staff action: who (the token's username or subject), what, when, on which story. */
record AuditEntry(long id, UUID storyId, String actor, String action, Instant at) {
}
