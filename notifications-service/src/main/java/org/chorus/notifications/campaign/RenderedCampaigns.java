package org.chorus.notifications.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A campaign's variants rendered once per instance, not once per mail. Safe to keep because content cannot change
 * once a campaign is sending (edits are refused from then on).
 */
@Component
class RenderedCampaigns {

    private static final int KEPT = 16;

    private final Campaigns campaigns;
    private final Map<UUID, Campaign> cache = Collections.synchronizedMap(new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Campaign> eldest) {
            return size() > KEPT;
        }
    });

    RenderedCampaigns(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    record Campaign(UUID id, String topic, Map<String, CampaignTemplate.Rendered> variants) {

        /** The subscriber's language when the campaign has it, English otherwise. */
        CampaignTemplate.Rendered variant(String language) {
            CampaignTemplate.Rendered variant = language == null ? null : variants.get(language);
            return variant != null ? variant : variants.get(CampaignContent.FALLBACK);
        }
    }

    /** Empty when the campaign does not exist (any more). */
    Mono<Campaign> of(UUID id) {
        Campaign cached = cache.get(id);
        if (cached != null) {
            return Mono.just(cached);
        }
        return campaigns.find(id)
                .map(found -> {
                    Campaign campaign = new Campaign(id, found.topic(), found.content().validate());
                    if (!"draft".equals(found.status()) && !"scheduled".equals(found.status())) {
                        cache.put(id, campaign);
                    }
                    return campaign;
                })
                .onErrorResume(org.springframework.web.server.ResponseStatusException.class, e -> Mono.empty());
    }
}
