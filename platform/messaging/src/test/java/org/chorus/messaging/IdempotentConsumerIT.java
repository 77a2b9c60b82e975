package org.chorus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@MessagingIntegrationTest
class IdempotentConsumerIT {

    @Autowired
    IdempotentConsumer consumer;

    @Autowired
    DatabaseClient db;

    @Test
    void sameEventDeliveredTwiceHasOneEffect() {
        UUID eventId = UUID.randomUUID();

        Boolean first = consumer.once("receipts", eventId, () -> recordEffect(eventId)).block();
        Boolean second = consumer.once("receipts", eventId, () -> recordEffect(eventId)).block();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(effects(eventId)).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneEventHaveOneEffect() {
        UUID eventId = UUID.randomUUID();

        Flux.range(0, 8)
                .flatMap(i -> consumer.once("receipts", eventId, () -> recordEffect(eventId)))
                .collectList()
                .block();

        assertThat(effects(eventId)).isEqualTo(1);
    }

    @Test
    void eachConsumerProcessesTheEventOnce() {
        UUID eventId = UUID.randomUUID();

        consumer.once("receipts", eventId, () -> recordEffect(eventId)).block();
        consumer.once("digests", eventId, () -> recordEffect(eventId)).block();

        assertThat(effects(eventId)).isEqualTo(2);
    }

    @Test
    void failedEffectLeavesNoMarkSoARedeliveryAppliesIt() {
        UUID eventId = UUID.randomUUID();

        assertThatThrownBy(() -> consumer.once("receipts", eventId,
                () -> recordEffect(eventId).then(Mono.error(new IllegalStateException("mail server down")))).block())
                .hasMessageContaining("mail server down");
        assertThat(effects(eventId)).isZero();

        Boolean retried = consumer.once("receipts", eventId, () -> recordEffect(eventId)).block();

        assertThat(retried).isTrue();
        assertThat(effects(eventId)).isEqualTo(1);
    }

    private Mono<Void> recordEffect(UUID eventId) {
        return db.sql("insert into test_effect (event_id) values (:id)").bind("id", eventId).then();
    }

    private long effects(UUID eventId) {
        return db.sql("select count(*) as n from test_effect where event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
