package org.chorus.stories.consent;

import java.util.Map;

/** The consents in force for a story: the latest ledger entry per purpose. */
public record ConsentState(boolean publishOnSite, boolean quoteInCampaigns, boolean shareWithPress, boolean contact) {

    static ConsentState of(Map<ConsentPurpose, Boolean> latest) {
        return new ConsentState(
                latest.getOrDefault(ConsentPurpose.PUBLISH_ON_SITE, false),
                latest.getOrDefault(ConsentPurpose.QUOTE_IN_CAMPAIGNS, false),
                latest.getOrDefault(ConsentPurpose.SHARE_WITH_PRESS, false),
                latest.getOrDefault(ConsentPurpose.CONTACT, false));
    }

    public boolean granted(ConsentPurpose purpose) {
        return switch (purpose) {
            case PUBLISH_ON_SITE -> publishOnSite;
            case QUOTE_IN_CAMPAIGNS -> quoteInCampaigns;
            case SHARE_WITH_PRESS -> shareWithPress;
            case CONTACT -> contact;
        };
    }
}
