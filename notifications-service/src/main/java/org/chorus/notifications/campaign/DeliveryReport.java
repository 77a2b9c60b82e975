package org.chorus.notifications.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.notifications.privacy.EmailVault;
import org.chorus.notifications.privacy.MaskedEmail;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Progress of a campaign for the portal, and who it did not reach (by id and masked address, never in full). */
@Service
class DeliveryReport {

    static final List<String> STATES = List.of("queued", "sending", "sent", "failed", "bounced",
            "skipped-unsubscribed", "cancelled");
    private static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    private final DatabaseClient db;
    private final EmailVault vault;
    private final Campaigns campaigns;

    DeliveryReport(DatabaseClient db, EmailVault vault, Campaigns campaigns) {
        this.db = db;
        this.vault = vault;
        this.campaigns = campaigns;
    }

    /**
     * @param ratePerSecond         mails sent per second over the last minute
     * @param secondsLeft           queued and in-flight mails at that rate; null while nothing is moving
     * @param audienceComplete      false while the audience is still being copied into the ledger (total grows)
     */
    record Progress(UUID campaignId, String status, Map<String, Long> counts, long total, double ratePerSecond,
                    Long secondsLeft, boolean audienceComplete, Instant startedAt, Instant completedAt) {
    }

    record Missed(UUID subscriberId, String address, String state, int attempts, String reason, Instant at) {
    }

    Mono<Progress> progress(UUID id) {
        Mono<Map<String, Long>> counts = db.sql("""
                        select state, count(*) as n from campaign_delivery where campaign_id = :id group by state""")
                .bind("id", id)
                .map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    Map<String, Long> all = new LinkedHashMap<>();
                    STATES.forEach(state -> all.put(state, found.getOrDefault(state, 0L)));
                    return all;
                });
        Mono<Long> recent = db.sql("""
                        select count(*) as n from campaign_delivery
                        where campaign_id = :id and state = 'sent' and sent_at > now() - make_interval(secs => :window)""")
                .bind("id", id)
                .bind("window", (double) RATE_WINDOW.toSeconds())
                .map(row -> row.get("n", Long.class))
                .one();
        Mono<Boolean> audienceComplete = db.sql("select audience_complete from campaign where id = :id").bind("id", id)
                .map(row -> row.get("audience_complete", Boolean.class)).one();
        return campaigns.find(id).flatMap(campaign -> Mono.zip(counts, recent, audienceComplete).map(t -> {
            Map<String, Long> c = t.getT1();
            long total = c.values().stream().mapToLong(Long::longValue).sum();
            double rate = t.getT2() / (double) RATE_WINDOW.toSeconds();
            long left = c.get("queued") + c.get("sending");
            boolean moving = rate > 0 && ("sending".equals(campaign.status()));
            Long secondsLeft = left == 0 ? Long.valueOf(0) : moving ? Long.valueOf(Math.round(left / rate)) : null;
            return new Progress(id, campaign.status(), c, total, Math.round(rate * 10) / 10.0, secondsLeft,
                    t.getT3(), campaign.startedAt(), campaign.completedAt());
        }));
    }

    /** Failed and bounced recipients, ordered by subscriber id; pass the last id seen as {@code after} for more. */
    Flux<Missed> missed(UUID id, UUID after, int limit) {
        return campaigns.find(id).flatMapMany(campaign -> db.sql("""
                        select d.subscriber_id, d.state, d.attempts, d.last_error, d.updated_at,
                               s.email_key_id, s.email_ciphertext
                        from campaign_delivery d left join subscriber s on s.id = d.subscriber_id
                        where d.campaign_id = :id and d.state in ('failed', 'bounced') and d.subscriber_id > :after
                        order by d.subscriber_id limit :limit""")
                .bind("id", id)
                .bind("after", after == null ? new UUID(0, 0) : after)
                .bind("limit", limit)
                .map(row -> {
                    String keyId = row.get("email_key_id", String.class);
                    String address = keyId == null ? null : vault.open(keyId, row.get("email_ciphertext", byte[].class));
                    return new Missed(row.get("subscriber_id", UUID.class), MaskedEmail.of(address),
                            row.get("state", String.class), row.get("attempts", Integer.class),
                            row.get("last_error", String.class), row.get("updated_at", Instant.class));
                })
                .all());
    }
}
