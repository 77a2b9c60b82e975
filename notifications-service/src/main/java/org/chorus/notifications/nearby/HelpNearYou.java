package org.chorus.notifications.nearby;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.messaging.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues the "new help near you" mails: for each confirmed help-near-me subscriber with a ZIP who had none of these
 * mails for a week, the open services that became news since their last one (or since they confirmed) within the
 * radius of their ZIP's centre, measured between ZIP centres. One round at a time across instances (an advisory lock
 * in the round's transaction), so two instances never mail one subscriber twice in a week.
 */
@Component
class HelpNearYou extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(HelpNearYou.class);
    private static final long ROUND_LOCK = 0x68656c706e656172L; // "helpnear"

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final ZipAreas zips;
    private final HelpNearYouProperties properties;
    private final JsonMapper json;

    HelpNearYou(DatabaseClient db, TransactionalOperator transactional, ZipAreas zips,
                HelpNearYouProperties properties, JsonMapper json) {
        super("help-near-you");
        this.db = db;
        this.transactional = transactional;
        this.zips = zips;
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }

    @Override
    protected Duration round() {
        try {
            queueOnce().block();
        } catch (RuntimeException e) {
            log.warn("Help-near-you round failed: {}", e.getClass().getName());
        }
        return properties.checkEvery();
    }

    /** Emits how many mails this round queued. */
    Mono<Integer> queueOnce() {
        Mono<Integer> round = db.sql("select pg_advisory_xact_lock(:lock)").bind("lock", ROUND_LOCK).then()
                .then(news().collectList())
                .flatMap(news -> news.isEmpty() ? Mono.just(0) : queue(news));
        return transactional.transactional(round);
    }

    /** Open services that became news recently enough that someone may not have heard of them yet. */
    private Flux<News> news() {
        return db.sql("""
                        select service_id, name, postal_code, taxonomy_terms, latitude, longitude, announced_at
                        from nearby_service
                        where open and announced_at > now() - make_interval(secs => :window)""")
                .bind("window", (double) properties.minimumGap().multipliedBy(2).toSeconds())
                .map(row -> new News(row.get("service_id", UUID.class), row.get("name", String.class),
                        row.get("postal_code", String.class), List.of(row.get("taxonomy_terms", String[].class)),
                        row.get("latitude", Double.class), row.get("longitude", Double.class),
                        row.get("announced_at", Instant.class)))
                .all();
    }

    private Mono<Integer> queue(List<News> news) {
        Map<String, List<News>> byZip = new HashMap<>();
        for (News item : news) {
            for (String zip : zips.within(item.latitude(), item.longitude(), properties.radiusKm())) {
                byZip.computeIfAbsent(zip, z -> new ArrayList<>()).add(item);
            }
        }
        if (byZip.isEmpty()) {
            return Mono.just(0);
        }
        return db.sql("""
                        select s.id, s.help_zip, s.confirmed_at, last.queued_at as last_mail
                        from subscriber s
                        left join lateral (select max(m.queued_at) as queued_at from help_near_you_mail m
                                           where m.subscriber_id = s.id) last on true
                        where s.status = 'confirmed' and 'help-near-me' = any(s.topics)
                          and s.help_zip = any(:zips)
                          and (s.paused_until is null or s.paused_until < current_date)
                          and (last.queued_at is null or last.queued_at < now() - make_interval(secs => :gap))""")
                .bind("zips", byZip.keySet().toArray(String[]::new))
                .bind("gap", (double) properties.minimumGap().toSeconds())
                .map(row -> new Subscriber(row.get("id", UUID.class), row.get("help_zip", String.class),
                        since(row.get("confirmed_at", Instant.class), row.get("last_mail", Instant.class))))
                .all()
                .concatMap(subscriber -> queue(subscriber, byZip.getOrDefault(subscriber.zip(), List.of())))
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> queue(Subscriber subscriber, List<News> near) {
        double[] home = zips.centre(subscriber.zip()).orElse(null);
        if (home == null) {
            return Mono.just(0);
        }
        List<Listed> listed = near.stream()
                .filter(item -> subscriber.since() == null || item.announcedAt().isAfter(subscriber.since()))
                .map(item -> new Listed(item.name(), item.postalCode(), item.taxonomyTerms(),
                        Math.round(ZipAreas.distanceKm(home[0], home[1], item.latitude(), item.longitude()))))
                .sorted(Comparator.comparingLong(Listed::km).thenComparing(Listed::name))
                .toList();
        if (listed.isEmpty()) {
            return Mono.just(0);
        }
        return db.sql("insert into help_near_you_mail (id, subscriber_id, services)"
                        + " values (:id, :subscriber, :services)")
                .bind("id", UUID.randomUUID())
                .bind("subscriber", subscriber.id())
                .bind("services", json.writeValueAsString(listed))
                .then()
                .thenReturn(1);
    }

    /** News is what became news after the last of these mails, or after the subscriber confirmed. */
    private static Instant since(Instant confirmed, Instant lastMail) {
        return lastMail != null ? lastMail : confirmed;
    }

    private record News(UUID serviceId, String name, String postalCode, List<String> taxonomyTerms, double latitude,
                        double longitude, Instant announcedAt) {
    }

    private record Subscriber(UUID id, String zip, Instant since) {
    }

    /** What one mail says of a service: name, kinds, ZIP and how far, in whole kilometres. */
    record Listed(String name, String postalCode, List<String> taxonomyTerms, long km) {
    }
}
