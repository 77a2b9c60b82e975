package org.chorus.resources.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.interchange.DirectoryImport.Fault;
import org.junit.jupiter.api.Test;

/** The tables join into one draft per service, and every broken id or reference is named with its file and row. */
class TableJoinTest {

    private static final String ORG = "00000000-0000-4000-8000-000000000001";
    private static final String SERVICE = "00000000-0000-4000-8000-000000000002";
    private static final String PLACE = "00000000-0000-4000-8000-000000000003";
    private static final String PHONE = "00000000-0000-4000-8000-000000000004";
    private static final String ELSEWHERE = "00000000-0000-4000-8000-000000000009";

    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, List<Row>> tables = new HashMap<>();

    @Test
    void joinsEveryTableIntoTheService() {
        table(DirectoryCsv.ORGANIZATIONS, "id,name\n" + ORG + ",DEMO Org\n");
        table(DirectoryCsv.SERVICES, "id,organization_id,name,free_of_charge\n" + SERVICE + "," + ORG + ",DEMO,true\n");
        table(DirectoryCsv.LOCATIONS, "id,location_type,latitude,longitude,time_zone\n"
                + PLACE + ",physical,30.5,-97.25,America/Chicago\n");
        table(DirectoryCsv.ADDRESSES, "location_id,address_1,city,postal_code\n" + PLACE + ",1 Main St,Austin,78701\n");
        table(DirectoryCsv.ACCESSIBILITY, "location_id,description\n" + PLACE + ",wheelchair\n");
        table(DirectoryCsv.SERVICE_AT_LOCATIONS, "service_id,location_id\n" + SERVICE + "," + PLACE + "\n");
        table(DirectoryCsv.PHONES, "id,service_id,number\n" + PHONE + "," + SERVICE + ",555-0100\n");
        table(DirectoryCsv.LANGUAGES, "service_id,phone_id,code\n" + SERVICE + ",,en\n," + PHONE + ",es\n");
        table(DirectoryCsv.SCHEDULES, "service_id,freq,byday,opens_at,closes_at\n" + SERVICE + ",WEEKLY,\"MO,WE\",09:00,17:00\n");
        table(DirectoryCsv.ATTRIBUTES, "link_id,link_entity,taxonomy_term_id\n" + SERVICE + ",service,shelter\n"
                + PLACE + ",location,ignored\n");

        DirectoryCsv.Read read = TableJoin.join(tables, faults);

        assertThat(faults).isEmpty();
        ServiceDraft draft = read.drafts().get(0);
        assertThat(draft.organization().name()).isEqualTo("DEMO Org");
        assertThat(draft.freeOfCharge()).isTrue();
        assertThat(draft.languages()).containsExactly("en");
        assertThat(draft.taxonomyTerms()).containsExactly("shelter");
        assertThat(draft.locations().get(0)).isEqualTo(new ServiceDraft.LocationDraft(
                UUID.fromString(PLACE), "physical", "1 Main St", "Austin", null, "78701", 30.5, -97.25,
                "America/Chicago", List.of("wheelchair")));
        assertThat(draft.phones()).containsExactly(new ServiceDraft.PhoneDraft("555-0100", "voice", null, List.of("es")));
        assertThat(draft.schedules()).extracting(ServiceDraft.ScheduleDraft::weekday).containsExactly("MO", "WE");
        assertThat(read.sources().get(0).label()).isEqualTo("services.csv[2]");
    }

    @Test
    void namesEveryBrokenIdAndReferenceInFileOrder() {
        table(DirectoryCsv.ORGANIZATIONS, "id,name\nnot-a-uuid,Org\n");
        table(DirectoryCsv.SERVICES, "id,organization_id,name,twenty_four_seven\n"
                + SERVICE + "," + ELSEWHERE + ",DEMO,yes\n" + SERVICE + "," + ELSEWHERE + ",again,\n");
        table(DirectoryCsv.SCHEDULES, "service_id,freq,byday,opens_at,closes_at\n" + SERVICE + ",DAILY,MO,09:00,17:00\n"
                + SERVICE + ",,XX,09:00,17:00\n");
        table(DirectoryCsv.LANGUAGES, "service_id,phone_id,code\n,,en\n");
        table(DirectoryCsv.SERVICE_AT_LOCATIONS, "service_id,location_id\n" + SERVICE + "," + PLACE + "\n");

        DirectoryCsv.Read read = TableJoin.join(tables, faults);

        assertThat(read.drafts()).isEmpty();
        assertThat(faults).extracting(f -> f.source().label() + "." + f.field() + ": " + f.message()).containsExactly(
                "organizations.csv[2].id: must be a UUID such as 3f2a0c9e-0b1d-4c47-9b7e-2d1f0a6c8e51",
                "services.csv[2].organization_id: is not the id of a row in organizations.csv",
                "services.csv[2].twenty_four_seven: must be true, false or empty",
                "services.csv[3].id: is also the id of an earlier row",
                "services.csv[3].organization_id: is not the id of a row in organizations.csv",
                "service_at_locations.csv[2].location_id: is not the id of a row in locations.csv",
                "languages.csv[2].service_id: give either a service_id or a phone_id",
                "schedules.csv[2].freq: must be WEEKLY or empty",
                "schedules.csv[3].byday: must list days as MO,TU,WE,TH,FR,SA,SU");
    }

    @Test
    void aLocationSharedByTwoServicesIsCopiedAndOnlyTheFirstKeepsItsId() {
        String other = "00000000-0000-4000-8000-000000000005";
        table(DirectoryCsv.ORGANIZATIONS, "id,name\n" + ORG + ",Org\n");
        table(DirectoryCsv.SERVICES, "id,organization_id,name\n" + SERVICE + "," + ORG + ",A\n" + other + "," + ORG + ",B\n");
        table(DirectoryCsv.LOCATIONS, "id,location_type\n" + PLACE + ",virtual\n");
        table(DirectoryCsv.SERVICE_AT_LOCATIONS, "service_id,location_id\n" + SERVICE + "," + PLACE + "\n"
                + other + "," + PLACE + "\n");

        DirectoryCsv.Read read = TableJoin.join(tables, faults);

        assertThat(faults).isEmpty();
        assertThat(read.drafts()).extracting(d -> d.locations().get(0).id())
                .containsExactly(UUID.fromString(PLACE), null);
    }

    private void table(String file, String csv) {
        tables.put(file, CsvRows.read(file, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), faults));
    }
}
