package org.chorus.notifications.campaign;

import java.util.Locale;

/**
 * draft → scheduled → sending ⇄ paused → completed; cancelled from anything not yet completed. Content can change
 * only before sending starts: recipients of one campaign all get the same mail.
 */
enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, PAUSED, COMPLETED, CANCELLED;

    String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CampaignStatus of(String db) {
        return valueOf(db.toUpperCase(Locale.ROOT));
    }
}
