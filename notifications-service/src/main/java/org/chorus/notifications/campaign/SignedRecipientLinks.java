package org.chorus.notifications.campaign;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.SignedLinks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stand-in for the subscriptions feature's mail links until the two meet: the same signed tokens (purposes
 * "preferences" and "unsubscribe") under the configured public origin. When subscriptions' {@code MailLinks} is
 * merged, this bean is replaced by one that delegates to it.
 */
@Configuration
class SignedRecipientLinks {

    // a campaign mail may be read weeks later; an unsubscribe link must still work then
    static final Duration LINK_LIFETIME = Duration.ofDays(180);

    @Bean
    RecipientLinks recipientLinks(SignedLinks links, CampaignProperties properties) {
        return new Links(links, properties, Clock.systemUTC());
    }

    record Links(SignedLinks links, CampaignProperties properties, Clock clock) implements RecipientLinks {

        @Override
        public String preferencesUrl(UUID subscriberId) {
            return properties.linkBaseUrl() + "/subscriptions/preferences?token=" + token(subscriberId, "preferences");
        }

        @Override
        public String oneClickUnsubscribeUrl(UUID subscriberId) {
            return properties.linkBaseUrl() + "/api/subscriptions/unsubscribe?token="
                    + token(subscriberId, "unsubscribe");
        }

        @Override
        public Map<String, String> listUnsubscribeHeaders(UUID subscriberId) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", "<" + oneClickUnsubscribeUrl(subscriberId) + ">, <mailto:"
                    + properties.unsubscribeMailbox() + "?subject=unsubscribe%20" + token(subscriberId, "unsubscribe")
                    + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            return headers;
        }

        private String token(UUID subscriberId, String purpose) {
            return links.sign(subscriberId, purpose, clock.instant().plus(LINK_LIFETIME));
        }
    }
}
