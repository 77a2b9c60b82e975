package org.chorus.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The CloudEvents Kafka binary binding: event metadata travels in {@code ce_*} headers, the payload is the data. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    public static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static Optional<UUID> id(Headers headers) {
        return get(headers, ID).flatMap(CloudEventHeaders::uuid);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A Kafka record in the binary binding.
     *
     * @param type    the event type, or null for a tombstone (whose payload is null too)
     */
    public static ProducerRecord<String, String> record(String topic, String key, UUID id, String type, String source,
                                                        Instant time, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        Headers headers = record.headers();
        headers.add(ID, bytes(id.toString()));
        headers.add(SOURCE, bytes(source));
        headers.add(SPEC_VERSION, bytes("1.0"));
        headers.add(TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(time.atOffset(ZoneOffset.UTC))));
        if (type != null) {
            headers.add(TYPE, bytes(type));
            headers.add(CONTENT_TYPE, bytes("application/json"));
        }
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
