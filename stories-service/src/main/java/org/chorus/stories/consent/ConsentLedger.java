package org.chorus.stories.consent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Appends consent decisions and reads the ones in force. Callers run it inside their own transaction. */
@Component
public class ConsentLedger {

    private final DatabaseClient db;

    ConsentLedger(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Every decision in one insert, in the order given (so the ledger's ids follow it); {@link #bind} its values.
     * A submission carries it inside its own statement; {@link #record} runs it alone.
     */
    public static final String INSERT = """
            insert into story_consent (story_id, purpose, granted, at)
            select :storyId, decision.purpose, decision.granted, :consentAt
            from unnest(cast(:purposes as text[]), cast(:granted as boolean[])) with ordinality
                 as decision (purpose, granted, position)
            order by decision.position""";

    public static GenericExecuteSpec bind(GenericExecuteSpec statement, UUID storyId,
                                   Map<ConsentPurpose, Boolean> decisions, Instant at) {
        List<Map.Entry<ConsentPurpose, Boolean>> ordered = List.copyOf(decisions.entrySet());
        return statement
                .bind("storyId", storyId)
                .bind("purposes", ordered.stream().map(decision -> decision.getKey().name()).toArray(String[]::new))
                .bind("granted", ordered.stream().map(Map.Entry::getValue).toArray(Boolean[]::new))
                .bind("consentAt", at);
    }

    public Mono<Void> record(UUID storyId, Map<ConsentPurpose, Boolean> decisions, Instant at) {
        if (decisions.isEmpty()) {
            return Mono.empty();
        }
        return bind(db.sql(INSERT), storyId, decisions, at).then();
    }

    public Mono<ConsentState> current(UUID storyId) {
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
