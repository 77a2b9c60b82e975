package org.chorus.notifications.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.contracts.CampaignRecipientsQueued;
import org.chorus.contracts.Topics;
import org.chorus.messaging.Outbox;
import org.chorus.messaging.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The campaign housekeeping every instance runs, safely side by side (each step is one conditional statement or
 * works on rows it locked with SKIP LOCKED):
 * <ol>
 * <li>start campaigns whose time has come;</li>
 * <li>copy a sending campaign's audience into the ledger in keyset batches, each batch committing together with the
 *     outbox row of its dispatch message, so no recipient is queued without a message and none is messaged twice
 *     by this step;</li>
 * <li>queue again the rows of workers whose lease ran out (they died mid-send);</li>
 * <li>publish dispatch messages for queued rows that need one: retries that are due, recovered leases, a resumed
 *     campaign, and (rarely) rows whose message was parked on the dead-letter topic;</li>
 * <li>complete campaigns with nothing left queued or in flight.</li>
 * </ol>
 * Dispatch goes through the outbox rather than straight to Kafka because the ledger rows and the message must exist
 * together: a crash between a commit and a direct send would leave rows that nobody is told about.
 */
@Component
class DeliveryLoop extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final int AUDIENCE_BATCHES_PER_ROUND = 20;
    private static final UUID BEFORE_EVERY_ID = new UUID(0, 0);

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final Outbox outbox;
    private final CampaignProperties properties;
    private Instant lastStaleSweep = Instant.EPOCH;
    private Instant lastLimitsCheck = Instant.EPOCH;

    DeliveryLoop(DatabaseClient db, TransactionalOperator transactional, Outbox outbox, CampaignProperties properties) {
        super("campaign-delivery-loop");
        this.db = db;
        this.transactional = transactional;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** One round of every step; emits true when there is probably more to do at once. */
    Mono<Boolean> runOnce() {
        boolean staleSweep = Instant.now().isAfter(lastStaleSweep.plus(Duration.ofMinutes(1)));
        if (staleSweep) {
            lastStaleSweep = Instant.now();
        }
        return startDue()
                .then(materialise())
                .flatMap(moreAudience -> recoverLeases()
                        .then(redispatch(staleSweep))
                        .flatMap(moreDispatch -> pauseOverLimits()
                                .then(complete()).thenReturn(moreAudience || moreDispatch)));
    }

    /**
     * Pauses every sending campaign whose share of failed or bounced mail, or of spam complaints, since it started
     * (or was last resumed) is over its limit, once at least {@code pause-after-at-least} mails were tried; the reason
     * is stored for the portal. Emits how many it paused. A conditional update: instances racing do it once.
     */
    Mono<Long> pauseOverLimits() {
        if (Instant.now().isBefore(lastLimitsCheck.plus(properties.limitsCheckEvery()))) {
            return Mono.just(0L);
        }
        lastLimitsCheck = Instant.now();
        return db.sql("""
                        with counts as (
                            select d.campaign_id,
                                   count(*) filter (where d.state in ('sent', 'bounced', 'failed')) as attempted,
                                   count(*) filter (where d.state in ('bounced', 'failed')) as failed,
                                   count(*) filter (where d.complained_at is not null) as complaints
                            from campaign_delivery d
                            where d.campaign_id in (select id from campaign where status = 'sending')
                            group by d.campaign_id),
                        since as (
                            select c.id, k.attempted - c.limit_baseline_attempted as attempted,
                                   k.failed - c.limit_baseline_failed as failed,
                                   k.complaints - c.limit_baseline_complaints as complaints
                            from campaign c join counts k on k.campaign_id = c.id
                            where c.status = 'sending' and k.attempted - c.limit_baseline_attempted >= :minimum)
                        update campaign c set status = 'paused', updated_at = now(),
                            paused_reason = case
                                when s.failed > s.attempted * :failureRatio then format(
                                    'Paused automatically: %s of %s mails sent since it started or resumed failed or '
                                    || 'bounced (%s%%), over the limit of %s%%. Check the addresses and the mail '
                                    || 'server before resuming.',
                                    s.failed, s.attempted, round(100.0 * s.failed / s.attempted, 1), :failurePercent)
                                else format(
                                    'Paused automatically: %s of %s mails sent since it started or resumed were '
                                    || 'reported as spam (%s%%), over the limit of %s%%. Check what was sent and to '
                                    || 'whom before resuming.',
                                    s.complaints, s.attempted, round(100.0 * s.complaints / s.attempted, 2),
                                    :complaintPercent)
                            end
                        from since s
                        where c.id = s.id and c.status = 'sending'
                          and (s.failed > s.attempted * :failureRatio or s.complaints > s.attempted * :complaintRatio)""")
                .bind("minimum", properties.pauseAfterAtLeast())
                .bind("failureRatio", properties.pauseAtFailureRatio())
                .bind("complaintRatio", properties.pauseAtComplaintRatio())
                .bind("failurePercent", percent(properties.pauseAtFailureRatio()))
                .bind("complaintPercent", percent(properties.pauseAtComplaintRatio()))
                .fetch().rowsUpdated()
                .doOnNext(paused -> {
                    if (paused > 0) {
                        log.warn("Paused {} campaign(s) over their failure or complaint limit", paused);
                    }
                });
    }

    private static String percent(double ratio) {
        return java.math.BigDecimal.valueOf(ratio * 100).stripTrailingZeros().toPlainString();
    }

    Mono<Long> startDue() {
        return db.sql("""
                        update campaign set status = 'sending', started_at = now(), updated_at = now()
                        where status = 'scheduled' and scheduled_at <= now()""")
                .fetch().rowsUpdated()
                .doOnNext(started -> {
                    if (started > 0) {
                        log.info("Started {} scheduled campaign(s)", started);
                    }
                });
    }

    /** Emits true when an audience is still being copied (another round should follow at once). */
    Mono<Boolean> materialise() {
        return Flux.range(0, AUDIENCE_BATCHES_PER_ROUND)
                .concatMap(i -> transactional.transactional(materialiseBatch()))
                .takeUntil(more -> !more)
                .last(false);
    }

    private Mono<Boolean> materialiseBatch() {
        return db.sql("""
                        select id, topic, languages, audience_cursor from campaign
                        where status = 'sending' and not audience_complete
                        order by started_at limit 1 for update skip locked""")
                .map(row -> new Audience(row.get("id", UUID.class), row.get("topic", String.class),
                        row.get("languages", String[].class), row.get("audience_cursor", UUID.class)))
                .one()
                .flatMap(this::copyBatch)
                .defaultIfEmpty(false);
    }

    private Mono<Boolean> copyBatch(Audience audience) {
        int batch = properties.dispatchBatch();
        return db.sql("""
                        with batch as (
                            select s.id from subscriber s
                            where s.status = 'confirmed' and s.topics @> array[cast(:topic as text)]
                              and s.suppressed_at is null
                              and s.language = any(:languages)
                              and (s.paused_until is null or s.paused_until < current_date)
                              and s.id > :cursor
                            order by s.id limit :batch),
                        queued as (
                            insert into campaign_delivery (campaign_id, subscriber_id, state, dispatched_at)
                            select :campaignId, id, 'queued', now() from batch
                            on conflict do nothing
                            returning subscriber_id)
                        select (select count(*) from batch) as found,
                               (select id from batch order by id desc limit 1) as last_id,
                               array(select subscriber_id from queued) as ids""")
                .bind("topic", audience.topic())
                .bind("languages", audience.languages())
                .bind("cursor", audience.cursor() == null ? BEFORE_EVERY_ID : audience.cursor())
                .bind("batch", batch)
                .bind("campaignId", audience.id())
                .map(row -> new Copied(row.get("found", Long.class), row.get("last_id", UUID.class),
                        row.get("ids", UUID[].class)))
                .one()
                .flatMap(copied -> {
                    boolean complete = copied.found() < batch;
                    Mono<Void> message = copied.ids().length == 0 ? Mono.empty()
                            : outbox.append(Topics.MAIL_DISPATCH, new CampaignRecipientsQueued(UUID.randomUUID(),
                                    Instant.now(), audience.id(), List.of(copied.ids())));
                    return message
                            .then(db.sql("""
                                            update campaign set audience_cursor = coalesce(:cursor, audience_cursor),
                                                audience_complete = :complete
                                            where id = :id""")
                                    .bind("cursor", org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                            copied.lastId(), UUID.class))
                                    .bind("complete", complete)
                                    .bind("id", audience.id())
                                    .then())
                            .thenReturn(!complete);
                });
    }

    Mono<Long> recoverLeases() {
        return db.sql("""
                        update campaign_delivery d
                        set state = case when c.status = 'cancelled' then 'cancelled' else 'queued' end,
                            lease_until = null, dispatched_at = null, next_attempt_at = now(), updated_at = now()
                        from campaign c
                        where c.id = d.campaign_id and d.state = 'sending' and d.lease_until < now()""")
                .fetch().rowsUpdated()
                .doOnNext(recovered -> {
                    if (recovered > 0) {
                        log.warn("Queued {} campaign mail(s) again whose worker's lease ran out", recovered);
                    }
                });
    }

    /** Emits true when a full batch went out (more may be waiting). */
    Mono<Boolean> redispatch(boolean includeStale) {
        return includeStale ? redispatchRound(true).then(redispatchRound(false)) : redispatchRound(false);
    }

    private Mono<Boolean> redispatchRound(boolean includeStale) {
        int limit = properties.dispatchBatch() * 10;
        DatabaseClient.GenericExecuteSpec query = db.sql("""
                        with due as (
                            select d.campaign_id, d.subscriber_id from campaign_delivery d
                            join campaign c on c.id = d.campaign_id
                            where c.status = 'sending' and d.state = 'queued'
                              and %s
                              and (d.next_attempt_at is null or d.next_attempt_at <= now())
                            order by d.campaign_id, d.subscriber_id
                            limit :limit for update of d skip locked)
                        update campaign_delivery d set dispatched_at = now()
                        from due where d.campaign_id = due.campaign_id and d.subscriber_id = due.subscriber_id
                        returning d.campaign_id, d.subscriber_id""".formatted(includeStale
                        // rarely: rows whose message was parked on the dead-letter topic
                        ? "d.dispatched_at < now() - make_interval(secs => :after)"
                        // every round: a plain predicate, so the partial index answers it
                        : "d.dispatched_at is null"))
                .bind("limit", limit);
        if (includeStale) {
            query = query.bind("after", (double) properties.redispatchAfter().toSeconds());
        }
        Mono<Boolean> round = query
                .map(row -> Map.entry(row.get("campaign_id", UUID.class), row.get("subscriber_id", UUID.class)))
                .all()
                .collectList()
                .flatMap(rows -> {
                    Map<UUID, List<UUID>> byCampaign = new LinkedHashMap<>();
                    rows.forEach(row -> byCampaign.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue()));
                    return Flux.fromIterable(byCampaign.entrySet())
                            .concatMap(entry -> Flux.fromIterable(partition(entry.getValue(), properties.dispatchBatch()))
                                    .concatMap(ids -> outbox.append(Topics.MAIL_DISPATCH, new CampaignRecipientsQueued(
                                            UUID.randomUUID(), Instant.now(), entry.getKey(), ids))))
                            .then(Mono.just(rows.size() == limit));
                });
        return transactional.transactional(round);
    }

    Mono<Long> complete() {
        return db.sql("""
                        update campaign c set status = 'completed', completed_at = now(), updated_at = now()
                        where c.status = 'sending' and c.audience_complete
                          and not exists (select 1 from campaign_delivery d
                                          where d.campaign_id = c.id and d.state in ('queued', 'sending'))""")
                .fetch().rowsUpdated();
    }

    private static List<List<UUID>> partition(List<UUID> ids, int size) {
        List<List<UUID>> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            parts.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return parts;
    }

    @Override
    protected Duration round() {
        try {
            return Boolean.TRUE.equals(runOnce().block(Duration.ofMinutes(2))) ? Duration.ZERO
                    : properties.loopInterval();
        } catch (RuntimeException e) {
            log.warn("Campaign delivery round failed: {}", e.toString());
            return properties.loopInterval();
        }
    }

    private record Audience(UUID id, String topic, String[] languages, UUID cursor) {
    }

    private record Copied(long found, UUID lastId, UUID[] ids) {
    }
}
