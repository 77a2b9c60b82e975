package org.chorus.stories.story;

/** The consents an author gives when sharing a story; absent means no. Contact consent is its own field. */
record Consents(Boolean publishOnSite, Boolean quoteInCampaigns, Boolean shareWithPress) {
}
