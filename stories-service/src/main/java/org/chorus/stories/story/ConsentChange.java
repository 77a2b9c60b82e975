package org.chorus.stories.story;

import java.util.EnumMap;
import java.util.Map;
import org.chorus.stories.consent.ConsentPurpose;

/**
 * An author changing their mind. A field left out stays as it is. {@code contact} can only be withdrawn: giving it
 * again would need the address, which Chorus no longer holds once it is withdrawn.
 */
record ConsentChange(Boolean publishOnSite, Boolean quoteInCampaigns, Boolean shareWithPress, Boolean contact) {

    Map<ConsentPurpose, Boolean> asked() {
        Map<ConsentPurpose, Boolean> asked = new EnumMap<>(ConsentPurpose.class);
        if (publishOnSite != null) {
            asked.put(ConsentPurpose.PUBLISH_ON_SITE, publishOnSite);
        }
        if (quoteInCampaigns != null) {
            asked.put(ConsentPurpose.QUOTE_IN_CAMPAIGNS, quoteInCampaigns);
        }
        if (shareWithPress != null) {
            asked.put(ConsentPurpose.SHARE_WITH_PRESS, shareWithPress);
        }
        if (contact != null) {
            asked.put(ConsentPurpose.CONTACT, contact);
        }
        return asked;
    }
}
