package org.chorus.stories.story;

import java.util.UUID;

/**
 * The answer to a submission. {@code manageToken} is shown to the author this once and can never be recovered:
 * only its hash is kept. The site turns it into a manage link that carries it in the fragment, never to a server.
 * {@code expectedReview} says when a moderator is likely to read it (absent if the queue could not be counted).
 */
public record SubmittedStory(UUID id, StoryStatus status, String manageToken, ExpectedReview expectedReview) {
}
