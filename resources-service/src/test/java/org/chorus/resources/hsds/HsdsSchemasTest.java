package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema fixtures are Open Referral's as published, and the validator over them does refuse what HSDS refuses. */
class HsdsSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyFixtureIsTheFileOpenReferralPublished() {
        Map<String, String> recorded = HsdsSchemas.recordedSums();
        assertThat(recorded).hasSize(11);
        recorded.forEach((path, sum) ->
                assertThat(HsdsSchemas.sha256(HsdsSchemas.published(path))).as(path).isEqualTo(sum));
    }

    @Test
    void theFixturesAreTheThreePointZeroSchemas() {
        JsonNode openapi = JSON.readTree(HsdsSchemas.published(HsdsSchemas.OPENAPI));
        assertThat(openapi.get("paths").has("/service_at_locations")).isTrue();
        assertThat(openapi.get("components").get("schemas").has("Page")).isTrue();
        assertThat(openapi.get("paths").get("/services/{id}").toString())
                .contains(HsdsSchemas.BASE + HsdsSchemas.SERVICE);
    }

    @Test
    void chorusOwnServiceShapeIsNotHsds() {
        // the shape the issue found failing: languages as strings, phones and schedules without ids
        JsonNode chorus = JSON.readTree("""
                {"id": "6f1c1f52-2d4c-4e0e-9a39-2b8f9f4c1a11", "name": "DEMO Counselling", "status": "active",
                 "languages": ["en", "es"], "phones": [{"number": "555-0100"}],
                 "schedules": [{"weekday": "MO", "opens_at": "09:00", "closes_at": "17:00"}]}""");
        assertThat(HsdsSchemas.errors(HsdsSchemas.SERVICE, chorus))
                .anyMatch(error -> error.contains("languages"))
                .anyMatch(error -> error.contains("phones"))
                .anyMatch(error -> error.contains("schedules"));
    }

    @Test
    void formatsAreAssertedAndReferencesResolveAmongTheFixtures() {
        JsonNode term = JSON.readTree("""
                {"id": "not-a-uuid", "name": "Shelter", "description": "A place to stay",
                 "taxonomy_detail": {"id": "0b9d7c4e-6a1e-4e7b-9c1a-3d2f1e0a9b8c", "name": "Types"}}""");
        assertThat(HsdsSchemas.errors(HsdsSchemas.TAXONOMY_TERM, term))
                .anyMatch(error -> error.contains("uuid"))
                .anyMatch(error -> error.contains("description")); // taxonomy.json's required description
    }

    @Test
    void aPageWithoutItsEnvelopeFails() {
        JsonNode page = JSON.readTree("""
                {"contents": [{"id": "0b9d7c4e-6a1e-4e7b-9c1a-3d2f1e0a9b8c", "name": "Types", "description": "x"}],
                 "total_items": "one"}""");
        assertThat(HsdsSchemas.pageErrors(HsdsSchemas.TAXONOMY, page))
                .anyMatch(error -> error.contains("total_items"))
                .anyMatch(error -> error.contains("page_number"));
    }
}
