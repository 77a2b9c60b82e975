package org.chorus.messaging;

import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies an event's effect at most once per consumer: the {@code processed_event} row and the effect commit in
 * one transaction, and a second delivery of the same event finds the row and does nothing.
 */
public class IdempotentConsumer {

    private final DatabaseClient db;
    private final TransactionalOperator transactional;

    public IdempotentConsumer(DatabaseClient db, TransactionalOperator transactional) {
        this.db = db;
        this.transactional = transactional;
    }

    /** Emits true when the effect ran, false when this consumer had already processed the event. */
    public Mono<Boolean> once(String consumer, UUID eventId, Supplier<Mono<?>> effect) {
        Mono<Boolean> work = db.sql("""
                        insert into processed_event (consumer, event_id) values (:consumer, :eventId)
                        on conflict do nothing""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? effect.get().then(Mono.just(true)) : Mono.just(false));
        return transactional.transactional(work);
    }
}
