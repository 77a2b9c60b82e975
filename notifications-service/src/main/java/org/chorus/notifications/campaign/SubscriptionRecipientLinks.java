package org.chorus.notifications.campaign;

import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.subscription.MailLinks;
import org.springframework.stereotype.Component;

/**
 * Campaign mail carries the links subscriptions answer (same tokens, same pages, same one-click endpoint), so a
 * campaign's unsubscribe works exactly like every other mail's.
 */
@Component
class SubscriptionRecipientLinks implements RecipientLinks {

    private final MailLinks links;

    SubscriptionRecipientLinks(MailLinks links) {
        this.links = links;
    }

    @Override
    public String preferencesUrl(UUID subscriberId) {
        return links.preferencesUrl(subscriberId);
    }

    @Override
    public String oneClickUnsubscribeUrl(UUID subscriberId) {
        return links.oneClickUnsubscribeUrl(subscriberId);
    }

    @Override
    public Map<String, String> listUnsubscribeHeaders(UUID subscriberId) {
        return links.listUnsubscribeHeaders(subscriberId);
    }
}
