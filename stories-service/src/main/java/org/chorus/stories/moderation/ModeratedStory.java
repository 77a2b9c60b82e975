package org.chorus.stories.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chorus.stories.consent.ConsentState;
import org.chorus.stories.story.PendingRevision;
import org.chorus.stories.story.StoryStatus;
import org.chorus.stories.taxonomy.NamedAs;

/**
 * One story as a moderator reads it before deciding: the author's own words and how they asked to be named, the
 * themes they suggested, the version to decide on, hints at what in the text may identify someone (to redact before
 * publishing), why it was reported or flagged (the report reasons, one per open report), an author's revision
 * waiting for review, whether it mentions self-harm or immediate danger, and who
 * holds a live claim on it, until when.
 */
record ModeratedStory(UUID id, StoryStatus status, int version, String language, String title, String text,
                      NamedAs namedAs, String name, List<String> suggestedThemes,
                      List<String> contentWarnings, String rejectionReason, Instant submittedAt, int openReports,
                      List<String> openReportReasons, ConsentState consents, List<PiiHints.Hint> piiHints, PendingRevision pendingRevision,
                      List<PiiHints.Hint> revisionPiiHints, boolean urgent, String claimedBy,
                      Instant claimExpiresAt) {
}
