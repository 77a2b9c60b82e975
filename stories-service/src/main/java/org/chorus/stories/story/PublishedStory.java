package org.chorus.stories.story;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A story as the public reads it: the moderator-approved text, with its content warnings for the page to honour. */
record PublishedStory(UUID id, String language, String title, String text, List<String> contentWarnings,
                      Instant publishedAt) {
}
