package org.chorus.stories.story;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.consent.ConsentState;
import org.chorus.stories.taxonomy.NamedAs;

/**
 * What the author sees through their manage token: their own words, how they asked to be named, the themes they
 * suggested, where the story stands, if rejected why, the consents in force, and an edit of the published story
 * that waits for review (or why it was turned down).
 */
public record ManagedStory(UUID id, StoryStatus status, String title, String text, String language,
                    List<String> contentWarnings, NamedAs namedAs, String name, List<String> suggestedThemes,
                    String rejectionReason, Instant submittedAt, ConsentState consents,
                    PendingRevision pendingRevision, String revisionFeedback) {
}
