package org.chorus.stories.taxonomy;

/**
 * Why a reader reports a story: a short fixed list, so a report carries no free text to moderate in turn. On the
 * wire and in the database a reason is its name.
 */
public enum ReportReason {
    /** Names or describes someone so they could be recognised. */
    IDENTIFIES_SOMEONE(new Label("It identifies someone", "Identifica a alguien")),
    HARASSMENT_OR_HATE(new Label("Harassment or hate", "Acoso u odio")),
    /** The reader fears for the author's or someone's safety. */
    SAFETY_CONCERN(new Label("I'm worried about someone's safety", "Me preocupa la seguridad de alguien")),
    SPAM(new Label("Spam", "Spam")),
    OTHER(new Label("Something else", "Otra cosa"));

    private final Label label;

    ReportReason(Label label) {
        this.label = label;
    }

    /** How a reader is offered the reason. */
    Label label() {
        return label;
    }
}
