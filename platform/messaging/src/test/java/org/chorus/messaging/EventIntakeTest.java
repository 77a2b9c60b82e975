package org.chorus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import org.chorus.contracts.StoryWithdrawn;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventIntakeTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventIntake intake = new EventIntake(json, null);
    private final UUID story = UUID.randomUUID();

    @Test
    void readsTheEventItsTypeNames() {
        StoryWithdrawn event = new StoryWithdrawn(UUID.randomUUID(), Instant.parse("2026-01-02T03:04:05Z"), story,
                StoryWithdrawn.BY_AUTHOR);
        ConsumerRecord<String, String> record = record(event.eventId(), EventTypes.typeOf(StoryWithdrawn.class),
                json.writeValueAsString(event));

        assertThat(intake.read(record)).contains((IntegrationEvent) event);
    }

    @Test
    void aTombstoneCarriesNoEvent() {
        assertThat(intake.read(record(UUID.randomUUID(), null, null))).isEmpty();
    }

    @Test
    void aRecordWithoutCeIdIsUnreadable() {
        ConsumerRecord<String, String> record = record(null, EventTypes.typeOf(StoryWithdrawn.class), "{}");

        assertThatThrownBy(() -> intake.read(record)).isInstanceOf(UnreadableEvent.class).hasMessage("no ce_id header");
    }

    @Test
    void anUnknownTypeIsUnreadable() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID(), "org.chorus.SomethingNew", "{}");

        assertThatThrownBy(() -> intake.read(record)).isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("unknown ce_type");
    }

    @Test
    void jsonThatDoesNotParseIsUnreadableAndTheMessageDoesNotQuoteIt() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID(), EventTypes.typeOf(StoryWithdrawn.class),
                "{\"storyId\": \"secret words");

        assertThatThrownBy(() -> intake.read(record)).isInstanceOf(UnreadableEvent.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void anEventUnderAnotherKeyIsUnreadable() {
        StoryWithdrawn event = new StoryWithdrawn(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                StoryWithdrawn.BY_AUTHOR);
        ConsumerRecord<String, String> record = record(event.eventId(), EventTypes.typeOf(StoryWithdrawn.class),
                json.writeValueAsString(event));

        assertThatThrownBy(() -> intake.read(record)).isInstanceOf(UnreadableEvent.class)
                .hasMessage("record key is not the event's key");
    }

    private ConsumerRecord<String, String> record(UUID id, String type, String payload) {
        ProducerRecord<String, String> produced = CloudEventHeaders.record("chorus.stories.v1", story.toString(),
                id == null ? UUID.randomUUID() : id, type, "/test", Instant.now(), payload);
        ConsumerRecord<String, String> record = new ConsumerRecord<>(produced.topic(), 0, 0, produced.key(),
                produced.value());
        produced.headers().forEach(header -> {
            if (id != null || !header.key().equals(CloudEventHeaders.ID)) {
                record.headers().add(header.key(), header.value());
            }
        });
        return record;
    }
}
