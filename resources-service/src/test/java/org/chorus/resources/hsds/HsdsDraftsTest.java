package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceDraft.LocationDraft;
import org.chorus.resources.directory.ServiceDraft.ScheduleDraft;
import org.chorus.resources.hsds.ChorusTaxonomies.Extension;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Services written by another HSDS 3.0 system, not only Chorus's own export, are read as far as Chorus can keep. */
class HsdsDraftsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final UUID PLACE = UUID.randomUUID();

    private static final String FOREIGN = """
            {"id": "%s", "name": "Foreign help", "status": "active", "url": "https://example.org/help",
             "organization": {"id": "%s", "name": "Foreign org", "description": "", "funding": []},
             "contacts": [{"id": "%s", "name": "Someone"}],
             "attributes": [
               {"id": "%s", "taxonomy_term": {"id": "%s", "code": "shelter", "name": "Shelter"}},
               {"id": "%s", "taxonomy_term_id": "%s", "value": "true"},
               {"id": "%s", "taxonomy_term": {"id": "%s", "code": "wheelchair-friendly"}}],
             "schedules": [{"id": "%s", "freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00:00",
                            "closes_at": "17:30"}],
             "phones": [{"id": "%s", "number": "555-0100", "languages": [{"id": "%s", "code": "es"}]}],
             "service_at_locations": [{"id": "%s", "location": {"id": "%s", "location_type": "physical",
               "latitude": 40.5, "longitude": -100.25,
               "addresses": [
                 {"id": "%s", "address_type": "postal", "address_1": "PO Box 1", "city": "Elsewhere",
                  "state_province": "NE", "postal_code": "68001", "country": "US"},
                 {"id": "%s", "address_type": "physical", "address_1": "1 Main St", "city": "Town",
                  "state_province": "NE", "postal_code": "68002", "country": "US"}],
               "attributes": [{"id": "%s", "taxonomy_term_id": "%s", "value": "America/Chicago"}]}}]}
            """;

    @Test
    void aForeignServiceIsReadAsFarAsTheDirectoryKeepsIt() {
        ServiceDraft draft = HsdsDrafts.draft(JSON.readValue(foreign(), Hsds.Service.class));

        assertThat(draft.name()).isEqualTo("Foreign help");
        assertThat(draft.organization().description()).isNull();
        assertThat(draft.taxonomyTerms()).containsExactly("shelter");
        assertThat(draft.freeOfCharge()).isTrue();
        assertThat(draft.twentyFourSeven()).isNull();
        assertThat(draft.schedules()).containsExactly(new ScheduleDraft("MO", "09:00", "17:30"),
                new ScheduleDraft("WE", "09:00", "17:30"));
        assertThat(draft.phones().get(0).type()).isEqualTo("voice");
        assertThat(draft.phones().get(0).languages()).containsExactly("es");
        LocationDraft place = draft.places().get(0);
        assertThat(place).isEqualTo(new LocationDraft(PLACE, "physical", "1 Main St", "Town", "NE", "68002", 40.5,
                -100.25, "America/Chicago", null));
        assertThat(draft.checked()).isSameAs(draft);
    }

    @Test
    void whatCannotBeReadIsNamedByItsHsdsPath() {
        String monthly = foreign().replace("\"freq\": \"WEEKLY\"", "\"freq\": \"MONTHLY\"");
        assertThatThrownBy(() -> HsdsDrafts.draft(JSON.readValue(monthly, Hsds.Service.class)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("schedules[0].freq"));
        String free = foreign().replace("\"value\": \"true\"", "\"value\": \"TRUE\"");
        assertThatThrownBy(() -> HsdsDrafts.draft(JSON.readValue(free, Hsds.Service.class)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("attributes[1].value"));
        String postalOnly = foreign().replace("\"location_type\": \"physical\"", "\"location_type\": \"mobile\"");
        assertThatThrownBy(() -> HsdsDrafts.draft(JSON.readValue(postalOnly, Hsds.Service.class)))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.field()).isEqualTo("service_at_locations[0].location.location_type"));
    }

    @Test
    void aDraftsFieldIsNamedAsHsdsNamesIt() {
        assertThat(List.of("locations[1].postal_code", "locations[0].time_zone", "locations[0].accessibility[2]",
                "locations[0].latitude", "location", "locations.id", "taxonomy_terms[0]", "languages[3]",
                "phones[1].languages[0]", "phones[1].number", "organization.name", "name")
                .stream().map(HsdsDrafts::fieldName).toList())
                .containsExactly("service_at_locations[1].location.addresses[0].postal_code",
                        "service_at_locations[0].location.attributes[time_zone].value",
                        "service_at_locations[0].location.accessibility[2].description",
                        "service_at_locations[0].location.latitude", "service_at_locations",
                        "service_at_locations.location.id", "attributes", "languages[3].code",
                        "phones[1].languages[0].code", "phones[1].number", "organization.name", "name");
    }

    private static String foreign() {
        Object[] ids = new Object[18];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        ids[6] = Extension.FREE_OF_CHARGE.term.id();
        ids[13] = PLACE;
        ids[17] = Extension.TIME_ZONE.term.id();
        return FOREIGN.formatted(ids);
    }
}
