package org.chorus.notifications.campaign;

import java.time.Duration;
import org.chorus.notifications.mail.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How campaigns are delivered.
 *
 * Links in campaign mail come from subscriptions ({@code chorus.notifications.public-base-url}).
 *
 * @param dispatchGroup      Kafka consumer group of the dispatch workers; every instance of one deployment shares it
 * @param senders            dispatch listener threads per instance (each sends over its own SMTP connection)
 * @param dispatchBatch      recipients per dispatch message (and per audience batch copied into the ledger)
 * @param sendChunk          mails sent over one SMTP connection before the ledger is updated
 * @param lease              how long a worker owns the rows it claimed; after that they are queued again
 * @param maxAttempts        tries on temporary SMTP errors before a recipient is recorded as failed (a 5xx bounces
 *                           at once: the same {@link RetryPolicy} as every other mail of this service)
 * @param retryBackoff       wait before the second try; doubles with every further try
 * @param tokenWait          longest a worker waits for the rate cap before handing its rows back to the queue
 * @param redispatchAfter    a queued row whose dispatch message has not been acted on for this long gets another
 * @param loopInterval       how often each instance starts due campaigns, recovers leases and redispatches
 * @param ratePerSecond      global cap on campaign mails per second, all instances together; absent = no cap
 * @param ratePerHour        global cap per hour; absent = no cap
 * @param pauseAtFailureRatio   a sending campaign pauses itself when more than this share of its mails failed or
 *                              bounced (at once or later, from the bounce mailbox): a list gone stale, or a mail server
 *                              refusing us, is better stopped than ploughed through (listmonk pauses on errors too)
 * @param pauseAtComplaintRatio the same for spam complaints; 0.3 % is where mailbox providers start refusing a sender
 * @param pauseAfterAtLeast     no judgement before this many mails were tried since the start (or the last resume):
 *                              two bounces of the first three mails say nothing yet
 * @param limitsCheckEvery      how often the ratios are counted (a count over the campaign's ledger)
 */
@ConfigurationProperties("chorus.campaigns")
public record CampaignProperties(
        @DefaultValue("notifications-dispatch") String dispatchGroup,
        @DefaultValue("2") int senders,
        @DefaultValue("500") int dispatchBatch,
        @DefaultValue("50") int sendChunk,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1m") Duration retryBackoff,
        @DefaultValue("5s") Duration tokenWait,
        @DefaultValue("15m") Duration redispatchAfter,
        @DefaultValue("1s") Duration loopInterval,
        Integer ratePerSecond,
        Integer ratePerHour,
        @DefaultValue("0.05") double pauseAtFailureRatio,
        @DefaultValue("0.003") double pauseAtComplaintRatio,
        @DefaultValue("100") int pauseAfterAtLeast,
        @DefaultValue("10s") Duration limitsCheckEvery) {

    public CampaignProperties {
        if (dispatchBatch < 1 || sendChunk < 1 || senders < 1 || maxAttempts < 1) {
            throw new IllegalStateException(
                    "chorus.campaigns dispatch-batch, send-chunk, senders and max-attempts must be at least 1");
        }
        if (pauseAtFailureRatio <= 0 || pauseAtFailureRatio > 1 || pauseAtComplaintRatio <= 0
                || pauseAtComplaintRatio > 1 || pauseAfterAtLeast < 1) {
            throw new IllegalStateException("chorus.campaigns pause-at-*-ratio must be above 0 and at most 1, "
                    + "pause-after-at-least at least 1");
        }
        if ((ratePerSecond != null && ratePerSecond < 1) || (ratePerHour != null && ratePerHour < 1)) {
            throw new IllegalStateException("chorus.campaigns rate caps must be at least 1 (leave them out for no cap)");
        }
    }

    /** The service's one retry policy with the campaigns' numbers; the backoff keeps doubling (up to 2^16 times). */
    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, retryBackoff, retryBackoff.multipliedBy(1L << 16));
    }
}
