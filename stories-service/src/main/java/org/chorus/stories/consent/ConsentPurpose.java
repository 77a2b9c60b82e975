package org.chorus.stories.consent;

/** What an author can consent to, each on its own; consent is opt-in, so nothing recorded means no. */
public enum ConsentPurpose {
    /** Publish the story on the Chorus site (after moderation). */
    PUBLISH_ON_SITE,
    /** Quote it in campaign emails. */
    QUOTE_IN_CAMPAIGNS,
    /** Share it with press or partner organisations. */
    SHARE_WITH_PRESS,
    /** Be contacted about the story at the email they gave. */
    CONTACT
}
