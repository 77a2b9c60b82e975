package org.chorus.stories.reading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.taxonomy.NamedAs;

/** A published story in a list: an excerpt only, so a page of them stays small on a slow connection. */
record StorySummary(UUID id, String language, String title, String excerpt, List<String> contentWarnings,
                    List<String> themes, NamedAs namedAs, String byline, Instant publishedAt) {
}
