package org.chorus.contracts;

/** Kafka topic names. A breaking change to a payload is a new event type, never a silent change here. */
public final class Topics {

    /** Story lifecycle, keyed by story id. Carries no personal data. */
    public static final String STORIES = "chorus.stories.v1";

    /**
     * The author's contact email, sealed to notifications-service, keyed by story id; compacted, and tombstoned on
     * withdrawal.
     */
    public static final String STORY_CONTACTS = "chorus.story-contacts.v1";

    /** Help directory changes, keyed by service id. */
    public static final String RESOURCES = "chorus.resources.v1";

    /** notifications-service internal: batches of a campaign's queued recipients ({@link CampaignRecipientsQueued}). */
    public static final String MAIL_DISPATCH = "chorus.mail.dispatch.v1";

    private Topics() {
    }

    /** Every consumer has its own dead-letter topic, so one consumer's poison message never blocks another. */
    public static String deadLetter(String topic, String consumer) {
        return topic + "." + consumer + ".dlt";
    }
}
