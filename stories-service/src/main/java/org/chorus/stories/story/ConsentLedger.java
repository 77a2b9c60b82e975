package org.chorus.stories.story;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Appends consent decisions and reads the ones in force. Callers run it inside their own transaction. */
@Component
class ConsentLedger {

    private final DatabaseClient db;

    ConsentLedger(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> record(UUID storyId, Map<ConsentPurpose, Boolean> decisions, Instant at) {
        return Flux.fromIterable(decisions.entrySet())
                .concatMap(decision -> db.sql("""
                                insert into story_consent (story_id, purpose, granted, at)
                                values (:storyId, :purpose, :granted, :at)""")
                        .bind("storyId", storyId).bind("purpose", decision.getKey().name())
                        .bind("granted", decision.getValue()).bind("at", at)
                        .then())
                .then();
    }

    Mono<ConsentState> current(UUID storyId) {
        return db.sql("""
                        select distinct on (purpose) purpose, granted from story_consent
                        where story_id = :storyId order by purpose, id desc""")
                .bind("storyId", storyId)
                .map(row -> Map.entry(ConsentPurpose.valueOf(row.get("purpose", String.class)),
                        row.get("granted", Boolean.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, () -> new EnumMap<>(ConsentPurpose.class))
                .map(ConsentState::of);
    }
}
