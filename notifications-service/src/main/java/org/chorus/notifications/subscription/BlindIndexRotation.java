package org.chorus.notifications.subscription;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.chorus.messaging.PollingLoop;
import org.chorus.notifications.privacy.EmailVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finishes a blind-index key rotation: while a previous key is configured, every subscriber still indexed under it
 * moves to the current key's index, a batch a round, so the previous key can be dropped once a pass finds none left
 * (it says so in the log). A sign-up moves its own row at once ({@link Subscriptions}); this moves the rest, whose
 * addresses may never sign up again. Every instance may run it: moving a row twice changes nothing.
 */
@Component
class BlindIndexRotation extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(BlindIndexRotation.class);
    private static final int BATCH = 200;

    private record Row(UUID id, String keyId, byte[] ciphertext, byte[] blindIndex) {
    }

    private final DatabaseClient db;
    private final EmailVault vault;
    private final SubscriptionProperties properties;

    BlindIndexRotation(DatabaseClient db, EmailVault vault, SubscriptionProperties properties) {
        super("blind-index-rotation");
        this.db = db;
        this.vault = vault;
        this.properties = properties;
    }

    @Override
    protected boolean enabled() {
        return vault.blindIndexRotating();
    }

    @Override
    protected Duration round() {
        try {
            Long moved = reindexAll().block();
            log.info("Blind-index rotation: a pass over every subscriber moved {} to the current key; once a pass "
                    + "moves none, the previous key can go", moved);
        } catch (RuntimeException e) {
            log.warn("Blind-index rotation pass failed: {}", e.getClass().getName());
        }
        return properties.reindexEvery();
    }

    /** One pass over every subscriber, a batch at a time in id order; emits how many rows it moved. */
    Mono<Long> reindexAll() {
        return reindexFrom(new UUID(0, 0));
    }

    private Mono<Long> reindexFrom(UUID after) {
        return db.sql("""
                        select id, email_key_id, email_ciphertext, email_blind_index from subscriber
                        where id > :after order by id limit :limit""")
                .bind("after", after)
                .bind("limit", BATCH)
                .map(row -> new Row(row.get("id", UUID.class), row.get("email_key_id", String.class),
                        row.get("email_ciphertext", byte[].class), row.get("email_blind_index", byte[].class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0L)
                        : Flux.fromIterable(rows).concatMap(this::reindex).reduce(0L, Long::sum)
                                .flatMap(moved -> reindexFrom(rows.get(rows.size() - 1).id()).map(rest -> moved + rest)));
    }

    private Mono<Long> reindex(Row row) {
        String address;
        try {
            address = vault.open(row.keyId(), row.ciphertext());
        } catch (RuntimeException unreadable) {
            // its mail fails as unreadable anyway; nothing to index
            return Mono.just(0L);
        }
        byte[] current = vault.blindIndex(address);
        boolean underPrevious = vault.previousBlindIndex(address)
                .filter(previous -> Arrays.equals(previous, row.blindIndex())).isPresent();
        if (!underPrevious) {
            return Mono.just(0L);
        }
        return db.sql("""
                        update subscriber set email_blind_index = :current
                        where id = :id and email_blind_index = :previous
                          and not exists (select 1 from subscriber where email_blind_index = :current)""")
                .bind("current", current)
                .bind("previous", row.blindIndex())
                .bind("id", row.id())
                .fetch().rowsUpdated();
    }
}
