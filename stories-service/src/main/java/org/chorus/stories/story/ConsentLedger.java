package org.chorus.stories.story;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Appends consent decisions and reads the ones in force. Callers run it inside their own transaction. */
@Component
class ConsentLedger {

    private final DatabaseClient db;

    ConsentLedger(DatabaseClient db) {
        this.db = db;
    }

    /** One statement for all the decisions: a submission records four, and every round trip counts in a surge. */
    Mono<Void> record(UUID storyId, Map<ConsentPurpose, Boolean> decisions, Instant at) {
        if (decisions.isEmpty()) {
            return Mono.empty();
        }
        // in the map's order, so the ledger's ids follow the order the decisions were given in
        List<Map.Entry<ConsentPurpose, Boolean>> ordered = List.copyOf(decisions.entrySet());
        return db.sql("""
                        insert into story_consent (story_id, purpose, granted, at)
                        select :storyId, decision.purpose, decision.granted, :at
                        from unnest(cast(:purposes as text[]), cast(:granted as boolean[])) with ordinality
                             as decision (purpose, granted, position)
                        order by decision.position""")
                .bind("storyId", storyId)
                .bind("purposes", ordered.stream().map(decision -> decision.getKey().name()).toArray(String[]::new))
                .bind("granted", ordered.stream().map(Map.Entry::getValue).toArray(Boolean[]::new))
                .bind("at", at)
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
