package org.chorus.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * notifications-service internal work item on {@link Topics#MAIL_DISPATCH}: these subscribers were queued in the
 * delivery ledger of a campaign and are waiting to be sent to. The ledger, not this message, decides whether a
 * mail goes out, so a redelivered or repeated message never sends anything twice.
 *
 * <p>Keyed by the campaign and the batch's first subscriber, so the batches of one campaign spread over all
 * partitions and every notifications instance takes a share of the work. Carries ids only, never an address.
 */
public record CampaignRecipientsQueued(UUID eventId, Instant occurredAt, UUID campaignId, List<UUID> subscriberIds)
        implements IntegrationEvent {

    public CampaignRecipientsQueued {
        subscriberIds = List.copyOf(subscriberIds);
    }

    @Override
    public String key() {
        return campaignId + ":" + (subscriberIds.isEmpty() ? "" : subscriberIds.get(0));
    }
}
