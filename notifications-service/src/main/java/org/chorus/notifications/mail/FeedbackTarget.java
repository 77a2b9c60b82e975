package org.chorus.notifications.mail;

import reactor.core.publisher.Mono;

/**
 * A feature whose mail can come back as a bounce or complaint: it owns one {@link MailReference} kind and decides
 * what the report means for its mail. {@link #apply} runs in the mailbox's transaction, together with the row that
 * makes the same report count once.
 */
public interface FeedbackTarget {

    char referenceKind();

    /**
     * Acts on the report if it is about a mail of ours that was sent, and for a bounce only if the report names the
     * address that mail went to; emits whether it was. A report that matches nothing changes nothing (a forged
     * bounce for an address we never mailed, a reference made up or for a mail since erased).
     */
    Mono<Boolean> apply(MailReference reference, Feedback feedback);
}
