package org.chorus.stories.story;

/** Why a reader reports a story: a short fixed list, so a report carries no free text to moderate in turn. */
enum ReportReason {
    /** Names or describes someone so they could be recognised. */
    IDENTIFIES_SOMEONE,
    HARASSMENT_OR_HATE,
    /** The reader fears for the author's or someone's safety. */
    SAFETY_CONCERN,
    SPAM,
    OTHER
}
