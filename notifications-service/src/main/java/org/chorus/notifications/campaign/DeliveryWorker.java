package org.chorus.notifications.campaign;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chorus.notifications.mail.MailProperties;
import org.chorus.notifications.mail.MailReference;
import org.chorus.notifications.mail.RetryPolicy;
import org.chorus.notifications.mail.SmtpFailure;
import org.chorus.notifications.privacy.EmailVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a campaign to the subscribers one dispatch message names. Each ledger row is claimed with a conditional
 * update (queued → sending, with a lease) before its mail is built, so a message delivered twice, two instances
 * working the same message, or a campaign paused meanwhile never sends a mail twice; the row turns sent the moment
 * SMTP accepts it. A worker that dies leaves its rows leased; {@link DeliveryLoop} queues them again when the lease
 * runs out. The only remaining window for a duplicate is a crash between SMTP's "250 OK" and that update.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration CAP_POLL = Duration.ofMillis(20);
    private static final Duration MESSAGE_BUDGET = Duration.ofSeconds(60);
    /** The {@link MailReference} kind of a campaign delivery: campaign id, then subscriber id. */
    static final char DELIVERY = 'c';

    private final DatabaseClient db;
    private final JavaMailSender mailSender;
    private final EmailVault vault;
    private final RecipientLinks links;
    private final SendRateCap cap;
    private final RenderedCampaigns rendered;
    private final CampaignProperties properties;
    private final RetryPolicy retryPolicy;
    private final String from;
    private final String messageIdDomain;
    private final MeterRegistry meters;
    private final Timer capGranted;
    private final Timer capGaveUp;
    private volatile boolean running;

    DeliveryWorker(DatabaseClient db, JavaMailSender mailSender, EmailVault vault, RecipientLinks links,
                   SendRateCap cap, RenderedCampaigns rendered, CampaignProperties properties,
                   MailProperties mailProperties, MeterRegistry meters) {
        this.db = db;
        this.mailSender = mailSender;
        this.vault = vault;
        this.links = links;
        this.cap = cap;
        this.rendered = rendered;
        this.properties = properties;
        this.retryPolicy = properties.retryPolicy();
        this.from = mailProperties.from();
        this.messageIdDomain = mailProperties.fromDomain();
        this.meters = meters;
        // how often and how long senders waited for the global cap: waits ending in a grant are the cap doing its
        // job; waits that gave up (rows handed back for a later dispatch) mean the cap, not SMTP, sets the pace
        this.capGranted = capWait(meters, "granted");
        this.capGaveUp = capWait(meters, "gave-up");
    }

    private static Timer capWait(MeterRegistry meters, String outcome) {
        return Timer.builder("chorus.campaign.rate.cap.wait")
                .description("Time a campaign sender waited for the global send-rate cap to grant tokens")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Emits how many mails SMTP accepted. */
    Mono<Integer> deliver(UUID campaignId, List<UUID> subscriberIds) {
        // under a low cap one message could outlast Kafka's poll interval: past the budget, hand the rest back
        Instant budgetEnd = Instant.now().plus(MESSAGE_BUDGET);
        return rendered.of(campaignId)
                .flatMap(campaign -> Flux.fromIterable(chunks(subscriberIds, properties.sendChunk()))
                        .concatMap(chunk -> deliverChunk(campaign, chunk, budgetEnd))
                        .reduce(0, Integer::sum))
                .defaultIfEmpty(0);
    }

    private Mono<Integer> deliverChunk(RenderedCampaigns.Campaign campaign, List<UUID> chunk, Instant budgetEnd) {
        if (!running || Instant.now().isAfter(budgetEnd)) {
            // shutting down or out of time: the rows stay queued, marked for a new dispatch message (any instance)
            return db.sql("""
                            update campaign_delivery set dispatched_at = null
                            where campaign_id = :campaignId and subscriber_id = any(:ids) and state = 'queued'""")
                    .bind("campaignId", campaign.id())
                    .bind("ids", chunk.toArray(UUID[]::new))
                    .then()
                    .thenReturn(0);
        }
        // opening addresses and building MIME is CPU work: keep it off the database driver's event loop
        return claim(campaign, chunk).collectList().publishOn(Schedulers.boundedElastic()).flatMap(claimed -> {
            List<UUID> skipped = new ArrayList<>();
            List<UUID> unopenable = new ArrayList<>();
            List<Outgoing> outgoing = new ArrayList<>();
            for (Claimed row : claimed) {
                if (!row.stillWanted()) {
                    skipped.add(row.subscriberId());
                    continue;
                }
                try {
                    String address = vault.open(row.keyId(), row.ciphertext());
                    MimeMessage message = CampaignMail.compose(mailSender.createMimeMessage(), from, address,
                            campaign.variant(row.language()), row.subscriberId(), links, "",
                            MailReference.of(DELIVERY, campaign.id(), row.subscriberId()).messageId(messageIdDomain));
                    outgoing.add(new Outgoing(row.subscriberId(), row.attempts(), message));
                } catch (MessagingException | RuntimeException e) {
                    // an address that does not open or parse will not get better by retrying
                    log.warn("Campaign {} mail to subscriber {} not built: {}", campaign.id(), row.subscriberId(),
                            e.getClass().getName());
                    unopenable.add(row.subscriberId());
                }
            }
            return mark(campaign.id(), skipped, "skipped-unsubscribed", null)
                    .then(mark(campaign.id(), unopenable, "failed", SmtpFailure.unreadableAddress().reason()))
                    .then(sendWithinCap(campaign.id(), outgoing, deadline(), null));
        });
    }

    private Flux<Claimed> claim(RenderedCampaigns.Campaign campaign, List<UUID> ids) {
        return db.sql("""
                        with candidates as (
                            -- a locking CTE is evaluated once and found by primary key, whatever the ledger's size
                            select q.campaign_id, q.subscriber_id from campaign_delivery q
                            where q.campaign_id = :campaignId and q.subscriber_id = any(:ids) and q.state = 'queued'
                              and (q.next_attempt_at is null or q.next_attempt_at <= now())
                              and exists (select 1 from campaign c where c.id = :campaignId and c.status = 'sending')
                            for update skip locked),
                        claimed as (
                            update campaign_delivery d
                            set state = 'sending', lease_until = now() + make_interval(secs => :lease),
                                attempts = d.attempts + 1, updated_at = now()
                            from candidates k
                            where d.campaign_id = k.campaign_id and d.subscriber_id = k.subscriber_id
                            returning d.subscriber_id, d.attempts)
                        select k.subscriber_id, k.attempts, s.email_key_id, s.email_ciphertext, s.language,
                               coalesce(s.status = 'confirmed' and s.topics @> array[cast(:topic as text)]
                                        and s.suppressed_at is null
                                        and (s.paused_until is null or s.paused_until < current_date), false) as wanted
                        from claimed k left join subscriber s on s.id = k.subscriber_id""")
                .bind("lease", (double) properties.lease().toSeconds())
                .bind("campaignId", campaign.id())
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("topic", campaign.topic())
                .map(row -> new Claimed(row.get("subscriber_id", UUID.class), row.get("attempts", Integer.class),
                        Boolean.TRUE.equals(row.get("wanted", Boolean.class)), row.get("email_key_id", String.class),
                        row.get("email_ciphertext", byte[].class), row.get("language", String.class)))
                .all();
    }

    private Instant deadline() {
        return Instant.now().plus(properties.tokenWait());
    }

    /**
     * Takes tokens from the global cap and sends as many mails as it grants, over one SMTP connection per grant,
     * so a mail leaves right after its token was taken. Rows the cap does not allow within the token wait go back
     * to the queue for a later dispatch rather than holding this Kafka consumer. {@code waiting} times a wait for
     * the cap that is under way (null when there is none).
     */
    private Mono<Integer> sendWithinCap(UUID campaignId, List<Outgoing> pending, Instant deadline,
                                        Timer.Sample waiting) {
        if (pending.isEmpty()) {
            return Mono.just(0);
        }
        return cap.take(pending.size()).flatMap(granted -> {
            if (granted == 0) {
                Timer.Sample wait = waiting != null ? waiting : Timer.start(meters);
                if (Instant.now().isAfter(deadline)) {
                    wait.stop(capGaveUp);
                    return giveBack(campaignId, pending).thenReturn(0);
                }
                return Mono.delay(CAP_POLL).then(Mono.defer(() -> sendWithinCap(campaignId, pending, deadline, wait)));
            }
            if (waiting != null) {
                waiting.stop(capGranted);
            }
            List<Outgoing> now = pending.subList(0, granted);
            List<Outgoing> later = pending.subList(granted, pending.size());
            // a pause or cancel takes effect before the next grant, not after the whole chunk
            return stillSending(campaignId).flatMap(sending -> !sending || !running
                    ? giveBack(campaignId, pending).thenReturn(0)
                    : send(now)
                            .flatMap(outcome -> record(campaignId, outcome))
                            .flatMap(sent -> sendWithinCap(campaignId, later, deadline(), null)
                                    .map(more -> sent + more)));
        });
    }

    /** JavaMail blocks on the socket: this runs on the elastic pool, never on an event loop. */
    private Mono<Outcome> send(List<Outgoing> mails) {
        return Mono.fromCallable(() -> sendBlocking(mails)).subscribeOn(Schedulers.boundedElastic());
    }

    private Outcome sendBlocking(List<Outgoing> mails) {
        Map<MimeMessage, Outgoing> byMessage = new IdentityHashMap<>();
        mails.forEach(mail -> byMessage.put(mail.message(), mail));
        Map<Outgoing, SmtpFailure> failures = new LinkedHashMap<>();
        try {
            mailSender.send(mails.stream().map(Outgoing::message).toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            e.getFailedMessages().forEach((message, error) -> {
                Outgoing mail = byMessage.get(message);
                if (mail != null) {
                    failures.put(mail, SmtpFailure.of(error));
                }
            });
            if (failures.isEmpty()) {
                mails.forEach(mail -> failures.put(mail, SmtpFailure.of(e)));
            }
        } catch (MailException e) {
            mails.forEach(mail -> failures.put(mail, SmtpFailure.of(e)));
        }
        List<UUID> sent = mails.stream().filter(mail -> !failures.containsKey(mail)).map(Outgoing::subscriberId).toList();
        return new Outcome(sent, failures);
    }

    private Mono<Integer> record(UUID campaignId, Outcome outcome) {
        Mono<Void> sent = outcome.sent().isEmpty() ? Mono.empty() : db.sql("""
                        update campaign_delivery set state = 'sent', sent_at = now(), lease_until = null,
                            last_error = null, updated_at = now()
                        where campaign_id = :campaignId and subscriber_id = any(:ids) and state = 'sending'""")
                .bind("campaignId", campaignId)
                .bind("ids", outcome.sent().toArray(UUID[]::new))
                .then();
        Mono<Void> failed = Flux.fromIterable(outcome.failures().entrySet())
                .concatMap(failure -> recordFailure(campaignId, failure.getKey(), failure.getValue()))
                .then();
        return sent.then(failed).thenReturn(outcome.sent().size());
    }

    private Mono<Void> recordFailure(UUID campaignId, Outgoing mail, SmtpFailure failure) {
        if (failure.permanent()) {
            log.info("Campaign {} mail to subscriber {} bounced: {}", campaignId, mail.subscriberId(), failure.reason());
            return mark(campaignId, List.of(mail.subscriberId()), "bounced", failure.reason());
        }
        Optional<Duration> retry = retryPolicy.retryAfter(mail.attempts(), failure);
        if (retry.isEmpty()) {
            log.info("Campaign {} mail to subscriber {} failed after {} tries: {}", campaignId, mail.subscriberId(),
                    mail.attempts(), failure.reason());
            return mark(campaignId, List.of(mail.subscriberId()), "failed", failure.reason());
        }
        Duration backoff = retry.get();
        return db.sql("""
                        update campaign_delivery set state = 'queued', lease_until = null, dispatched_at = null,
                            next_attempt_at = now() + make_interval(secs => :backoff), last_error = :reason,
                            updated_at = now()
                        where campaign_id = :campaignId and subscriber_id = :id and state = 'sending'""")
                .bind("backoff", backoff.toMillis() / 1000.0)
                .bind("reason", failure.reason())
                .bind("campaignId", campaignId)
                .bind("id", mail.subscriberId())
                .then();
    }

    /** Stops before the Kafka listener containers do, so a shutdown hands unsent claimed rows back at once. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private Mono<Boolean> stillSending(UUID campaignId) {
        return db.sql("select status from campaign where id = :id").bind("id", campaignId)
                .map(row -> "sending".equals(row.get("status", String.class))).one().defaultIfEmpty(false);
    }

    /**
     * Rows claimed but not sent (no tokens within the wait, or the campaign was paused or cancelled meanwhile): queued
     * again for a later dispatch (cancelled if the campaign was), and this claim not counted as a try.
     */
    private Mono<Void> giveBack(UUID campaignId, List<Outgoing> mails) {
        return db.sql("""
                        update campaign_delivery d
                        set state = case when c.status = 'cancelled' then 'cancelled' else 'queued' end,
                            lease_until = null, dispatched_at = null, attempts = greatest(d.attempts - 1, 0),
                            next_attempt_at = now() + make_interval(secs => :wait), updated_at = now()
                        from campaign c
                        where c.id = d.campaign_id and d.campaign_id = :campaignId and d.subscriber_id = any(:ids)
                          and d.state = 'sending'""")
                .bind("wait", properties.tokenWait().toMillis() / 1000.0)
                .bind("campaignId", campaignId)
                .bind("ids", mails.stream().map(Outgoing::subscriberId).toArray(UUID[]::new))
                .then();
    }

    private Mono<Void> mark(UUID campaignId, List<UUID> ids, String state, String reason) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        update campaign_delivery set state = :state, lease_until = null, last_error = :reason,
                            updated_at = now()
                        where campaign_id = :campaignId and subscriber_id = any(:ids) and state = 'sending'""")
                .bind("state", state)
                .bind("reason", org.springframework.r2dbc.core.Parameter.fromOrEmpty(reason, String.class))
                .bind("campaignId", campaignId)
                .bind("ids", ids.toArray(UUID[]::new))
                .then();
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            chunks.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return chunks;
    }

    private record Claimed(UUID subscriberId, int attempts, boolean stillWanted, String keyId, byte[] ciphertext,
                           String language) {
    }

    private record Outgoing(UUID subscriberId, int attempts, MimeMessage message) {
    }

    private record Outcome(List<UUID> sent, Map<Outgoing, SmtpFailure> failures) {
    }
}
