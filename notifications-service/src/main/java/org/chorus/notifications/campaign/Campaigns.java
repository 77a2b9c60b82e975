package org.chorus.notifications.campaign;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Campaigns as staff see them: compose, schedule, pause, resume, cancel. Delivery itself is {@link DeliveryLoop}'s. */
@Service
class Campaigns {

    private static final Set<CampaignStatus> EDITABLE = EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED);
    private static final int MAX_YEARS_AHEAD = 5;

    private final DatabaseClient db;
    private final TransactionalOperator transactional;

    Campaigns(DatabaseClient db, TransactionalOperator transactional) {
        this.db = db;
        this.transactional = transactional;
    }

    /** @param pausedReason why the campaign paused itself (too many failures or complaints); null otherwise */
    record Campaign(UUID id, String topic, List<String> languages, Map<String, CampaignContent.Variant> variants,
                    String status, String pausedReason, Instant scheduledAt, String scheduleZone, LocalDateTime scheduledLocal,
                    Instant startedAt, Instant completedAt, Instant createdAt, Instant updatedAt) {

        CampaignContent content() {
            return new CampaignContent(topic, languages, variants);
        }
    }

    /** @param sendAt the wall-clock time in {@code zone}, e.g. 2027-10-15T09:00 in America/New_York */
    record Schedule(LocalDateTime sendAt, String zone) {
    }

    Mono<Campaign> create(CampaignContent content) {
        content.validate();
        UUID id = UUID.randomUUID();
        Mono<Void> insert = db.sql("""
                        insert into campaign (id, topic, languages, status) values (:id, :topic, :languages, 'draft')""")
                .bind("id", id)
                .bind("topic", content.topic())
                .bind("languages", content.languages().toArray(String[]::new))
                .then()
                .then(insertVariants(id, content));
        return transactional.transactional(insert).then(find(id));
    }

    Mono<Campaign> update(UUID id, CampaignContent content) {
        content.validate();
        Mono<Void> change = db.sql("""
                        update campaign set topic = :topic, languages = :languages, updated_at = now()
                        where id = :id and status in ('draft', 'scheduled')""")
                .bind("id", id)
                .bind("topic", content.topic())
                .bind("languages", content.languages().toArray(String[]::new))
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.empty() : refusal(id, "edited"))
                .then(db.sql("delete from campaign_variant where campaign_id = :id").bind("id", id).then())
                .then(insertVariants(id, content));
        return transactional.transactional(change).then(find(id));
    }

    private Mono<Void> insertVariants(UUID id, CampaignContent content) {
        return Flux.fromIterable(content.variants().entrySet())
                .concatMap(variant -> db.sql("""
                                insert into campaign_variant (campaign_id, language, subject, body_markdown, content_warning)
                                values (:id, :language, :subject, :body, :warning)""")
                        .bind("id", id)
                        .bind("language", variant.getKey())
                        .bind("subject", variant.getValue().subject().strip())
                        .bind("body", variant.getValue().body())
                        .bind("warning", Parameter.fromOrEmpty(blankToNull(variant.getValue().contentWarning()),
                                String.class))
                        .then())
                .then();
    }

    Mono<Campaign> find(UUID id) {
        Mono<Map<String, CampaignContent.Variant>> variants = db.sql("""
                        select language, subject, body_markdown, content_warning from campaign_variant
                        where campaign_id = :id order by language""")
                .bind("id", id)
                .map(row -> Map.entry(row.get("language", String.class), new CampaignContent.Variant(
                        row.get("subject", String.class), row.get("body_markdown", String.class),
                        row.get("content_warning", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
        return db.sql("select * from campaign where id = :id")
                .bind("id", id)
                .map(Campaigns::header)
                .one()
                .zipWith(variants, (header, v) -> header.withVariants(v))
                .switchIfEmpty(Mono.error(notFound()));
    }

    /**
     * The newest 200, each with its variants' subjects only (a list shows which campaign is which by its subject;
     * the bodies, which may be long, come with {@link #find}).
     */
    Flux<Campaign> list() {
        record Subject(UUID campaignId, String language, String subject) {
        }
        Mono<Map<UUID, Map<String, CampaignContent.Variant>>> subjects = db.sql("""
                        select campaign_id, language, subject from campaign_variant
                        where campaign_id in (select id from campaign order by created_at desc limit 200)
                        order by language""")
                .map(row -> new Subject(row.get("campaign_id", UUID.class), row.get("language", String.class),
                        row.get("subject", String.class)))
                .all()
                .collect(LinkedHashMap::new, (Map<UUID, Map<String, CampaignContent.Variant>> byCampaign, Subject row) ->
                        byCampaign.computeIfAbsent(row.campaignId(), id -> new LinkedHashMap<>())
                                .put(row.language(), new CampaignContent.Variant(row.subject(), null, null)));
        return subjects.flatMapMany(byCampaign -> db.sql("select * from campaign order by created_at desc limit 200")
                .map(Campaigns::header)
                .all()
                .map(header -> header.withVariants(byCampaign.getOrDefault(header.id(), Map.of()))));
    }

    private record Header(UUID id, String topic, List<String> languages, String status, String pausedReason,
                          Instant scheduledAt,
                          String zone, Instant startedAt, Instant completedAt, Instant createdAt, Instant updatedAt) {

        Campaign withVariants(Map<String, CampaignContent.Variant> variants) {
            LocalDateTime local = scheduledAt == null || zone == null ? null
                    : LocalDateTime.ofInstant(scheduledAt, ZoneId.of(zone));
            return new Campaign(id, topic, languages, variants, status, pausedReason, scheduledAt, zone, local, startedAt,
                    completedAt, createdAt, updatedAt);
        }
    }

    private static Header header(Readable row) {
        return new Header(row.get("id", UUID.class), row.get("topic", String.class),
                Arrays.asList(row.get("languages", String[].class)), row.get("status", String.class),
                row.get("paused_reason", String.class), row.get("scheduled_at", Instant.class), row.get("schedule_zone", String.class),
                row.get("started_at", Instant.class), row.get("completed_at", Instant.class),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
    }

    Mono<Campaign> schedule(UUID id, Schedule schedule, Instant now) {
        Instant at = instantOf(schedule, now);
        return db.sql("""
                        update campaign set status = 'scheduled', scheduled_at = :at, schedule_zone = :zone,
                            updated_at = now()
                        where id = :id and status in ('draft', 'scheduled')""")
                .bind("id", id)
                .bind("at", at)
                .bind("zone", schedule.zone())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? find(id) : refusal(id, "scheduled"));
    }

    /** The instant a local wall-clock time stands for, refusing times a DST change skips and times in the past. */
    static Instant instantOf(Schedule schedule, Instant now) {
        if (schedule == null || schedule.sendAt() == null) {
            throw new InvalidInput("sendAt", "is required, as a local date-time such as 2027-10-15T09:00");
        }
        if (schedule.zone() == null || !ZoneId.getAvailableZoneIds().contains(schedule.zone())) {
            throw new InvalidInput("zone", "must be an IANA time zone such as America/New_York");
        }
        ZoneRules rules = ZoneId.of(schedule.zone()).getRules();
        if (rules.getValidOffsets(schedule.sendAt()).isEmpty()) {
            throw new InvalidInput("sendAt", "does not exist in " + schedule.zone()
                    + " (the clocks skip it for daylight saving time)");
        }
        Instant at = schedule.sendAt().atZone(ZoneId.of(schedule.zone())).toInstant();
        if (!at.isAfter(now)) {
            throw new InvalidInput("sendAt", "is in the past; use send-now to send at once");
        }
        if (at.isAfter(now.atZone(ZoneId.of("UTC")).plusYears(MAX_YEARS_AHEAD).toInstant())) {
            throw new InvalidInput("sendAt", "must be within " + MAX_YEARS_AHEAD + " years");
        }
        return at;
    }

    Mono<Campaign> sendNow(UUID id) {
        return transition(id, EDITABLE, CampaignStatus.SENDING, "send",
                "scheduled_at = now(), schedule_zone = coalesce(schedule_zone, 'UTC'), started_at = now()");
    }

    Mono<Campaign> pause(UUID id) {
        return transition(id, EnumSet.of(CampaignStatus.SENDING), CampaignStatus.PAUSED, "paused", null);
    }

    /**
     * Queued rows get a new dispatch message: the old ones may have been consumed (and ignored) while paused. The
     * failure and complaint counts so far become the baseline of the next automatic judgement, so the mail that caused
     * a pause does not pause the campaign again the moment staff resume it.
     */
    Mono<Campaign> resume(UUID id) {
        Mono<Campaign> resume = transition(id, EnumSet.of(CampaignStatus.PAUSED), CampaignStatus.SENDING, "resumed",
                """
                        paused_reason = null,
                        limit_baseline_attempted = (select count(*) from campaign_delivery d where d.campaign_id = campaign.id
                                                      and d.state in ('sent', 'bounced', 'failed')),
                        limit_baseline_failed = (select count(*) from campaign_delivery d where d.campaign_id = campaign.id
                                                   and d.state in ('bounced', 'failed')),
                        limit_baseline_complaints = (select count(*) from campaign_delivery d
                                                       where d.campaign_id = campaign.id and d.complained_at is not null)""")
                .flatMap(campaign -> db.sql("""
                                update campaign_delivery set dispatched_at = null
                                where campaign_id = :id and state = 'queued'""")
                        .bind("id", id).then().thenReturn(campaign));
        return transactional.transactional(resume);
    }

    Mono<Campaign> cancel(UUID id) {
        Mono<Campaign> cancel = transition(id, EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED,
                CampaignStatus.SENDING, CampaignStatus.PAUSED), CampaignStatus.CANCELLED, "cancelled",
                "completed_at = now()")
                .flatMap(campaign -> db.sql("""
                                update campaign_delivery set state = 'cancelled', updated_at = now()
                                where campaign_id = :id and state = 'queued'""")
                        .bind("id", id).then().thenReturn(campaign));
        return transactional.transactional(cancel);
    }

    private Mono<Campaign> transition(UUID id, Set<CampaignStatus> from, CampaignStatus to, String verb,
                                      String alsoSet) {
        String fromList = from.stream().map(s -> "'" + s.db() + "'").collect(Collectors.joining(", "));
        return db.sql("update campaign set status = '" + to.db() + "', updated_at = now()"
                        + (alsoSet == null ? "" : ", " + alsoSet)
                        + " where id = :id and status in (" + fromList + ")")
                .bind("id", id)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? find(id) : refusal(id, verb));
    }

    /** 404 when there is no such campaign, 409 naming its status when it exists but cannot be changed so. */
    private <T> Mono<T> refusal(UUID id, String verb) {
        return db.sql("select status from campaign where id = :id").bind("id", id)
                .map(row -> row.get("status", String.class)).one()
                .switchIfEmpty(Mono.error(notFound()))
                .flatMap(status -> Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                        "A campaign that is " + status + " cannot be " + verb + ".")));
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such campaign.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
