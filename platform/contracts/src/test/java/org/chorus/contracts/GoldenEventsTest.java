package org.chorus.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The golden JSON files are the wire contract: each record must read its file and write it back unchanged. */
class GoldenEventsTest {

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static Stream<Class<? extends IntegrationEvent>> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventRoundTripsThroughItsGoldenJson(Class<? extends IntegrationEvent> type) throws IOException {
        JsonNode golden = golden(type);

        IntegrationEvent event = json.treeToValue(golden, type);

        assertThat(event.eventId()).isNotNull();
        assertThat(event.occurredAt()).isNotNull();
        JsonNode written = json.valueToTree(event);
        assertThat(written).isEqualTo(golden);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTypeNameIsResolvedBackToItsRecord(Class<? extends IntegrationEvent> type) {
        assertThat(EventTypes.classOf(EventTypes.typeOf(type))).contains(type);
    }

    @Test
    void unknownTypesAreNotResolved() {
        assertThat(EventTypes.classOf("org.chorus.SomethingFromTheFuture")).isEmpty();
    }

    @Test
    void resourceEventsWrittenBeforeStatusAndZipCentreStillRead() {
        String older = """
                {"eventId": "c56a4180-65aa-42ec-a945-5fd21dec0538", "occurredAt": "2027-09-01T12:00:00Z",
                 "serviceId": "e7f6a5b4-c3d2-4e1f-8a9b-0c1d2e3f4a5b", "name": "DEMO Center", "postalCode": "10001",
                 "taxonomyTerms": ["counselling"]}""";

        ResourceUpdated updated = json.readValue(older, ResourceUpdated.class);
        ResourcePublished published = json.readValue(older, ResourcePublished.class);

        assertThat(updated.status()).isNull();
        assertThat(updated.reopened()).isNull();
        assertThat(updated.latitude()).isNull();
        assertThat(published.postalCode()).isEqualTo("10001");
        assertThat(published.longitude()).isNull();
    }

    @Test
    void contactEventNeverPrintsTheAddress() {
        StoryContactProvided event = json.treeToValue(golden(StoryContactProvided.class), StoryContactProvided.class);

        assertThat(event.toString()).doesNotContain(event.email());
    }

    @Test
    void sealedContactEventNeverPrintsTheSealedAddress() {
        StoryContactSealed event = json.treeToValue(golden(StoryContactSealed.class), StoryContactSealed.class);

        assertThat(event.toString()).doesNotContain(event.sealedEmail());
    }

    private JsonNode golden(Class<?> type) {
        String path = "golden/" + type.getSimpleName() + ".json";
        try (InputStream in = IntegrationEvent.class.getResourceAsStream(path)) {
            assertThat(in).as("golden file %s", path).isNotNull();
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
