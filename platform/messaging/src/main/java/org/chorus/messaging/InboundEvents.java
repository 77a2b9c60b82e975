package org.chorus.messaging;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chorus.contracts.EventTypes;
import org.chorus.contracts.IntegrationEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a Kafka record into the contract record its {@code ce_type} names. Unknown types are skipped and unknown
 * fields ignored, so producers can add both without breaking a consumer.
 */
public class InboundEvents {

    private final JsonMapper json;

    public InboundEvents(JsonMapper json) {
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** Empty for a tombstone or a type this build does not know. */
    public Optional<IntegrationEvent> read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        return CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)
                .flatMap(EventTypes::classOf)
                .map(type -> json.readValue(record.value(), type));
    }
}
