package org.chorus.notifications.nearby;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The directory's news as this service keeps it: each service once, open or not, with the day it became news. A
 * service without a ZIP centre (virtual only, or a ZIP that is no ZIP code area) is near nobody and is not kept.
 */
@Component
class NearbyServices {

    private final DatabaseClient db;

    NearbyServices(DatabaseClient db) {
        this.db = db;
    }

    /** Added, or open again: news from {@code at}. */
    Mono<Void> news(UUID serviceId, String name, String postalCode, List<String> taxonomyTerms, Double latitude,
                    Double longitude, Instant at) {
        if (latitude == null || longitude == null) {
            return closed(serviceId);
        }
        return db.sql("""
                        insert into nearby_service (service_id, name, postal_code, taxonomy_terms, latitude, longitude,
                            announced_at, open)
                        values (:id, :name, :zip, :terms, :lat, :lon, :at, true)
                        on conflict (service_id) do update set name = excluded.name,
                            postal_code = excluded.postal_code, taxonomy_terms = excluded.taxonomy_terms,
                            latitude = excluded.latitude, longitude = excluded.longitude,
                            announced_at = excluded.announced_at, open = true""")
                .bind("id", serviceId)
                .bind("name", name)
                .bind("zip", Parameter.fromOrEmpty(postalCode, String.class))
                .bind("terms", (taxonomyTerms == null ? List.<String>of() : taxonomyTerms).toArray(String[]::new))
                .bind("lat", latitude)
                .bind("lon", longitude)
                .bind("at", at)
                .then();
    }

    /** An open service changed (renamed, moved, verified): the news says what is true now, from the same day. */
    Mono<Void> changed(UUID serviceId, String name, String postalCode, List<String> taxonomyTerms, Double latitude,
                       Double longitude) {
        if (latitude == null || longitude == null) {
            return closed(serviceId);
        }
        return db.sql("""
                        update nearby_service set name = :name, postal_code = :zip, taxonomy_terms = :terms,
                            latitude = :lat, longitude = :lon
                        where service_id = :id""")
                .bind("id", serviceId)
                .bind("name", name)
                .bind("zip", Parameter.fromOrEmpty(postalCode, String.class))
                .bind("terms", (taxonomyTerms == null ? List.<String>of() : taxonomyTerms).toArray(String[]::new))
                .bind("lat", latitude)
                .bind("lon", longitude)
                .then();
    }

    /** Closed for now or for good: no news to anyone. */
    Mono<Void> closed(UUID serviceId) {
        return db.sql("update nearby_service set open = false where service_id = :id").bind("id", serviceId).then();
    }
}
