package org.chorus.stories.story;

import java.time.Instant;
import java.util.List;
import org.chorus.stories.taxonomy.AuthorName;
import org.chorus.stories.taxonomy.NamedAs;

/**
 * An author's edit of a published story, waiting for a moderator. {@code namedAs} is null when the edit leaves the
 * naming as it is; a new first name or pseudonym waits here for review.
 */
public record PendingRevision(String title, String text, List<String> contentWarnings, Instant submittedAt, NamedAs namedAs,
                       String name) {

    /** The naming the revision asks for, or null when it leaves it as it is. */
    public AuthorName author() {
        return namedAs == null ? null : new AuthorName(namedAs, name);
    }
}
