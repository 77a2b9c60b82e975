package org.chorus.stories.reading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.taxonomy.NamedAs;

/**
 * A story as the public reads it: the moderator-approved text, with its content warnings for the page to honour,
 * its themes, and its author's name as approved ({@code byline} is "Anonymous" when {@code namedAs} is anonymous;
 * a page may translate it by {@code namedAs}).
 */
public record PublishedStory(UUID id, String language, String title, String text, List<String> contentWarnings,
                      List<String> themes, NamedAs namedAs, String byline, Instant publishedAt) {
}
