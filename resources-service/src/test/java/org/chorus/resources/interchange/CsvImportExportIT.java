package org.chorus.resources.interchange;

import org.chorus.resources.directory.DirectoryFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.chorus.resources.directory.DirectoryFixtures.create;
import static org.chorus.resources.directory.DirectoryFixtures.location;
import static org.chorus.resources.directory.DirectoryFixtures.north;
import static org.chorus.resources.directory.DirectoryFixtures.randomSpot;
import static org.chorus.resources.directory.DirectoryFixtures.service;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The HSDS tabular form: a ZIP of CSV files out, the same ZIP back in, and a report by file and row when it is wrong. */
@ResourcesIntegrationTest
class CsvImportExportIT {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    private static final String ORG = "4b7c2d0e-9a1f-4e63-8f0a-1c2d3e4f5a6b";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    UUID twoPlaces;
    UUID hostile;
    String hostileName;

    @BeforeEach
    void servicesWorthExporting() {
        double[] spot = randomSpot();
        Map<String, Object> body = service("CSV two places " + UUID.randomUUID(), spot[0], spot[1]);
        Map<String, Object> shelter = new HashMap<>(location(body));
        shelter.put("location_type", "confidential");
        shelter.put("address_1", "1 \"Quoted\", Street\nSecond line");
        shelter.put("latitude", north(spot[0], 10));
        shelter.put("accessibility", List.of("wheelchair-accessible", "sign-language"));
        body.put("locations", List.of(location(body), shelter));
        body.remove("location");
        body.put("languages", List.of("en", "es"));
        body.put("taxonomy_terms", List.of("shelter", "counselling"));
        body.put("free_of_charge", true);
        body.put("phones", List.of(Map.of("number", "+1 555-0142", "type", "tty", "languages", List.of("es")),
                Map.of("number", "555-0143", "type", "text", "description", "Text us")));
        body.put("schedules", List.of(Map.of("weekday", "FR", "opens_at", "22:00", "closes_at", "02:00"),
                Map.of("weekday", "MO", "opens_at", "09:00", "closes_at", "17:00")));
        twoPlaces = create(http, body);

        hostileName = "=HYPERLINK(\"http://evil.example\") <script>alert(1)</script> '; drop table service; -- Ünï ✊🏽 مرحبا";
        Map<String, Object> evil = service(hostileName, spot[0], spot[1]);
        evil.put("description", "@SUM(1+1)\r\n-2, \"three\"");
        hostile = create(http, evil);
    }

    @Test
    void staffCsvExportImportsBackUnchanged() {
        Map<String, JsonNode> before = staffExport(twoPlaces, hostile);
        Map<String, String> files = exportCsv();
        assertThat(files).containsOnlyKeys(DirectoryCsv.COLUMNS.keySet());
        assertThat(files.get(DirectoryCsv.SERVICES)).startsWith("id,organization_id,name,description,status")
                .contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");

        JsonNode report = importZip(zip(files)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("updated").asInt()).isEqualTo(report.get("rows").size()).isGreaterThanOrEqualTo(2);
        assertThat(report.get("rows").get(0).get("file").asString()).isEqualTo(DirectoryCsv.SERVICES);
        assertThat(report.get("rows").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(staffExport(twoPlaces, hostile)).isEqualTo(before);
        assertThat(before.get(hostile.toString()).get("name").asString()).isEqualTo(hostileName);
    }

    @Test
    void aHandWrittenFileWithOtherHsdsTablesAndColumnsImportsWhatItKnows() {
        UUID service = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("organizations.csv", "id,name,email\r\n" + ORG + ",Hand-made org,info@example.org\r\n");
        files.put("services.csv", "\uFEFFid,organization_id,name,url\n" + service + "," + ORG + ",Hand-made,x\n");
        files.put("locations.csv", "id,location_type,latitude,longitude,time_zone\n"
                + place + ",physical,40.1,-100.2,America/Chicago\n");
        files.put("addresses.csv", "location_id,postal_code,city\n" + place + ",69001,Somewhere\n");
        files.put("service_at_locations.csv", "service_id,location_id\n" + service + "," + place + "\n");
        files.put("attributes.csv", "link_id,taxonomy_term_id,link_entity\n" + service + ",counselling,service\n"
                + UUID.randomUUID() + ",whatever,organization\n");
        files.put("schedules.csv", "service_id,byday,opens_at,closes_at\n" + service + ",\"MO,WE\",09:00,17:00\n");
        files.put("contacts.csv", "id,name\n1,Someone\n");
        files.put("folder/readme.txt", "not a table");

        importZip(zip(files)).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(1)
                .jsonPath("$.rows[0].file").isEqualTo("services.csv")
                .jsonPath("$.rows[0].row").isEqualTo(2)
                .jsonPath("$.rows[0].outcome").isEqualTo("created");

        staff().get().uri("/api/admin/resources/services/{id}", service).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.locations[0].id").isEqualTo(place.toString())
                .jsonPath("$.locations[0].postal_code").isEqualTo("69001")
                .jsonPath("$.schedules.length()").isEqualTo(2)
                .jsonPath("$.taxonomy_terms[0]").isEqualTo("counselling");
    }

    @Test
    void badRowsAreReportedByFileAndRowAndNothingIsImported() {
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("organizations.csv", "id,name\n" + ORG + ",Org\n");
        files.put("services.csv", "id,organization_id,name,free_of_charge\n"
                + good + "," + ORG + ",Good,true\n"
                + bad + "," + ORG + ",Bad,yes\n"
                + "not-a-uuid," + ORG + ",Worse,\n");
        files.put("locations.csv", "id,location_type,latitude,longitude,time_zone\n"
                + place + ",physical,north,-100,America/Chicago\n");
        files.put("service_at_locations.csv", "service_id,location_id\n"
                + good + "," + place + "\n" + good + "," + UUID.randomUUID() + "\n");

        JsonNode problem = importZip(zip(files)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(errorsAt(problem, "services.csv", 3)).as(problem.toString())
                .containsExactly("free_of_charge: must be true, false or empty");
        assertThat(errorsAt(problem, "services.csv", 4)).as(problem.toString()).first().asString().startsWith("id:");
        assertThat(errorsAt(problem, "locations.csv", 2)).as(problem.toString())
                .containsExactly("latitude: must be a decimal number");
        assertThat(errorsAt(problem, "service_at_locations.csv", 3)).as(problem.toString())
                .containsExactly("location_id: is not the id of a row in locations.csv");
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains("services.csv[3].free_of_charge");
        assertNotStored(good);
    }

    @Test
    void aServiceThatBreaksARuleIsReportedAtItsServicesRow() {
        UUID good = UUID.randomUUID();
        UUID spa = UUID.randomUUID();
        UUID homeless = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("organizations.csv", "id,name\n" + ORG + ",Org\n");
        files.put("services.csv", "id,organization_id,name\n" + good + "," + ORG + ",Good\n"
                + spa + "," + ORG + ",Spa\n" + homeless + "," + ORG + ",Nowhere\n");
        files.put("locations.csv", "id,location_type,latitude,longitude,time_zone\n"
                + place + ",physical,40,-100,America/Chicago\n" + other + ",physical,40,-100,Mars/Base\n");
        files.put("addresses.csv", "location_id,postal_code\n" + place + ",69001\n" + other + ",69001\n");
        files.put("service_at_locations.csv", "service_id,location_id\n" + good + "," + place + "\n"
                + spa + "," + other + "\n");
        files.put("attributes.csv", "link_id,taxonomy_term_id\n" + good + ",counselling\n" + spa + ",spa\n"
                + homeless + ",shelter\n");

        importZip(zip(files)).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.rows[0].outcome").isEqualTo("not imported")
                .jsonPath("$.rows[1].row").isEqualTo(3)
                .jsonPath("$.rows[1].errors[0].field").isEqualTo("taxonomy_terms[0]")
                .jsonPath("$.rows[2].row").isEqualTo(4)
                .jsonPath("$.rows[2].errors[0].field").isEqualTo("location");

        assertNotStored(good);
    }

    @Test
    void aNulCharacterInAnyTextIsReportedAtItsRowAndNothingIsImported() {
        UUID good = UUID.randomUUID();
        UUID nul = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("organizations.csv", "id,name\n" + ORG + ",Org\n");
        files.put("services.csv", "id,organization_id,name\n" + good + "," + ORG + ",Good\n"
                + nul + "," + ORG + ",Spa\n");
        files.put("locations.csv", "id,location_type,latitude,longitude,time_zone\n"
                + place + ",physical,40,-100,America/Chicago\n" + other + ",physical,40,-100,America/Chicago\n");
        files.put("addresses.csv", "location_id,address_1,postal_code\n" + place + ",1 Main St,69001\n"
                + other + ",\"2 Main\u0000 St\",69001\n");
        files.put("service_at_locations.csv", "service_id,location_id\n" + good + "," + place + "\n"
                + nul + "," + other + "\n");
        files.put("attributes.csv", "link_id,taxonomy_term_id\n" + good + ",counselling\n" + nul + ",counselling\n");

        importZip(zip(files)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.rows[0].outcome").isEqualTo("not imported")
                .jsonPath("$.rows[1].errors[0].field").isEqualTo("locations[0].address_1");

        assertNotStored(good);
        assertNotStored(nul);
    }

    @Test
    void malformedFilesAreProblemsNamingTheFileAndRow() {
        importZip("this is not a zip".getBytes(StandardCharsets.UTF_8)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        importZip(new byte[0]).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        importZip(zip(Map.of("organizations.csv", "id,name\n"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("services.csv[1]")
                .jsonPath("$.errors[0].message").isEqualTo("is missing from the ZIP file");
        importZip(zip(Map.of("organizations.csv", "id,name\n", "services.csv", "id,name\n"))).expectStatus()
                .isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("services.csv[1].organization_id");
        importZip(zip(Map.of("organizations.csv", "id,name\n" + ORG + ",\"unclosed\n",
                "services.csv", "id,organization_id,name\n"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rows[0].file").isEqualTo("organizations.csv")
                .jsonPath("$.rows[0].row").isEqualTo(2);
        importZip(zip(Map.of("organizations.csv", "id,name\n", "services.csv", "id,organization_id,name\n",
                "phones.csv", "service_id,number\n" + UUID.randomUUID() + ",555-0100,extra\n")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rows[0].file").isEqualTo("phones.csv")
                .jsonPath("$.rows[0].row").isEqualTo(2)
                .jsonPath("$.rows[0].errors[0].message").isEqualTo("has 3 cells; the header has 2");
        importZip(zip(Map.of("organizations.csv", "id,id\n1,2\n", "services.csv", "id,organization_id,name\n")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rows[0].file").isEqualTo("organizations.csv");
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(latin1)) {
            zip.putNextEntry(new ZipEntry("organizations.csv"));
            zip.write("id,name\n".getBytes(StandardCharsets.UTF_8));
            zip.write(("x,Caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
            zip.putNextEntry(new ZipEntry("services.csv"));
            zip.write("id,organization_id,name\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        importZip(latin1.toByteArray()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rows[0].errors[0].message").isEqualTo("is not UTF-8 text");
        importZip(zip(Map.of("organizations.csv", "id,name\n", "services.csv", "id,organization_id,name\n")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("services");
    }

    @Test
    void anArchiveThatUnpacksBeyondTheLimitIsRefused() {
        importZip(ZipFixtures.bomb("id,name")).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
    }

    @Test
    void anEndlessLineIsRefusedNamingTheRow() {
        importZip(zip(Map.of("organizations.csv", "id,name\n" + ORG + ",\"" + "x".repeat(70_000) + "\"\n",
                "services.csv", "id,organization_id,name\n"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.rows[0].file").isEqualTo("organizations.csv")
                .jsonPath("$.rows[0].row").isEqualTo(2)
                .jsonPath("$.rows[0].errors[0].message").isEqualTo("has a line longer than 65536 characters");
    }

    @Test
    void anUploadBeyondTheCapIs413WhetherItsLengthIsDeclaredOrNot() {
        byte[] huge = new byte[33 * 1024 * 1024];
        importZip(huge).expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.max_bytes").isEqualTo(32 * 1024 * 1024);

        Flux<DataBuffer> chunked = Flux.range(0, 33).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(new byte[1024 * 1024]));
        staff().post().uri("/api/admin/resources/import").contentType(ZIP).body(chunked, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        staff().post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON)
                .body(Flux.range(0, 33).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[1024 * 1024])),
                        DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void aJsonImportLargerThanTheUsualBodyLimitIsStreamed() {
        StringBuilder file = new StringBuilder("[");
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            Map<String, Object> body = service("Bulk " + i, 40, -100);
            body.put("id", id.toString());
            body.put("description", "d".repeat(1_500));
            file.append(i == 0 ? "" : ",").append(tools.jackson.databind.json.JsonMapper.shared()
                    .writeValueAsString(body));
        }
        file.append("]");
        assertThat(file.length()).isGreaterThan(256 * 1024);

        staff().mutate().responseTimeout(Duration.ofSeconds(120)).build()
                .post().uri("/api/admin/resources/import").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(file.toString()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(300);
        staff().get().uri("/api/admin/resources/services/{id}", ids.get(299)).exchange().expectStatus().isOk();
    }

    @Test
    void csvImportAndExportNeedTheResourceEditorRole() {
        http.get().uri("/api/admin/resources/export/csv").exchange().expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .post().uri("/api/admin/resources/import").contentType(ZIP).bodyValue(new byte[] {1})
                .exchange()
                .expectStatus().isForbidden();
    }

    private static List<String> errorsAt(JsonNode problem, String file, int row) {
        return problem.get("rows").valueStream()
                .filter(r -> r.has("file") && r.get("file").asString().equals(file) && r.get("row").asInt() == row)
                .flatMap(r -> r.get("errors").valueStream())
                .map(error -> error.get("field").asString() + ": " + error.get("message").asString())
                .toList();
    }

    private void assertNotStored(UUID id) {
        assertThat(db.sql("select count(*) as n from service where id = :id").bind("id", id)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    private Map<String, JsonNode> staffExport(UUID... ids) {
        Map<String, JsonNode> mine = new HashMap<>();
        JsonNode all = staff().get().uri("/api/admin/resources/export").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        for (UUID id : ids) {
            JsonNode service = all.valueStream().filter(s -> s.get("id").asString().equals(id.toString()))
                    .findFirst().orElseThrow().deepCopy();
            ((ObjectNode) service).remove("modified_at");
            mine.put(id.toString(), service);
        }
        return mine;
    }

    private Map<String, String> exportCsv() {
        byte[] zip = staff().get().uri("/api/admin/resources/export/csv").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(ZIP)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(byte[].class).returnResult().getResponseBody();
        return ZipFixtures.entries(zip);
    }

    private static byte[] zip(Map<String, String> files) {
        return ZipFixtures.zip(files);
    }

    private WebTestClient.ResponseSpec importZip(byte[] zip) {
        // a whole directory's export comes back in: the other test classes of this JVM have filled it, and a
        // loaded machine takes more than WebTestClient's 5 s over it
        return staff().mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .post().uri("/api/admin/resources/import").contentType(ZIP).bodyValue(zip).exchange();
    }

    private WebTestClient staff() {
        return http.mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
