package org.chorus.notifications.campaign;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The global send-rate cap: token buckets in one PostgreSQL row (see {@code take_send_tokens} in V4), so it holds
 * across every instance that shares the database. The configured rates are written there when an instance starts;
 * with no rate configured, taking tokens is one cheap round trip that always grants.
 */
@Component
class SendRateCap {

    private final DatabaseClient db;
    private final CampaignProperties properties;

    SendRateCap(DatabaseClient db, CampaignProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void applyConfiguredRates() {
        set(properties.ratePerSecond(), properties.ratePerHour()).block();
    }

    /** Sets the caps for every instance from now on; null means no cap for that window. */
    Mono<Void> set(Integer perSecond, Integer perHour) {
        return db.sql("""
                        update send_rate set per_second = :perSecond, per_hour = :perHour,
                            second_tokens = 0, hour_tokens = 0, refilled_at = clock_timestamp()
                        where id = 1""")
                .bind("perSecond", Parameter.fromOrEmpty(perSecond, Integer.class))
                .bind("perHour", Parameter.fromOrEmpty(perHour, Integer.class))
                .then();
    }

    /** How many of {@code wanted} mails may go out now (0 when the cap is reached). */
    Mono<Integer> take(int wanted) {
        return db.sql("select take_send_tokens(:wanted) as granted")
                .bind("wanted", wanted)
                .map(row -> row.get("granted", Integer.class))
                .one();
    }
}
