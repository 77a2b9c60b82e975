package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chorus.resources.directory.DirectoryFixtures.RESOURCE_EDITOR;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chorus.resources.ResourcesIntegrationTest;
import org.chorus.resources.hsds.TabularPackage.Table;
import org.chorus.resources.interchange.ZipFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The directory as HSDS 3.0's tabular data package over HTTP: staff export it, the same ZIP imports back unchanged,
 * a bad row is named by file, row and column with nothing stored, and a hostile archive is a problem, never a 5xx.
 */
@ResourcesIntegrationTest
class HsdsTabularIT {

    static final String EXPORT = "/api/admin/resources/hsds/export/csv";
    static final String IMPORT = "/api/admin/resources/hsds/import";
    static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    @Autowired
    WebTestClient http;

    UUID shelter;
    UUID clinic;
    String street;

    @BeforeEach
    void twoServices() {
        HsdsFixtures.TwoServices two = HsdsFixtures.twoServices(http, "HSDS tabular");
        shelter = two.shelter();
        clinic = two.clinic();
        street = two.street();
    }

    @Test
    void staffExportIsThePublishedPackageWithTheShelterAddressForStaffOnly() {
        Map<String, Table> mine = mine(export(), Set.of(shelter, clinic));

        assertThat(TabularPackage.errors(csv(mine))).isEmpty();
        assertThat(mine.get("services.csv").rows()).hasSize(2);
        assertThat(mine.get("addresses.csv").rows()).anyMatch(address -> address.get("address_1").equals(street));
        assertThat(mine.get("phones.csv").rows()).anyMatch(phone -> phone.get("number").equals("'+1 555-0142"));
        http.get().uri(EXPORT).exchange().expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .get().uri(EXPORT).exchange().expectStatus().isForbidden();
        http.get().uri("/api/resources/hsds/services/{id}", shelter).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(street));
    }

    @Test
    void exportImportExportKeepsEveryField() {
        Map<String, Table> before = mine(export(), Set.of(shelter, clinic));

        importZip(zip(csv(before))).expectStatus().isOk()
                .expectBody().jsonPath("$.updated").isEqualTo(2).jsonPath("$.created").isEqualTo(0);

        Map<String, Table> after = mine(export(), Set.of(shelter, clinic));
        assertThat(withoutLastModified(after)).isEqualTo(withoutLastModified(before));
    }

    @Test
    void aCopyWithNewIdsImportsAsNewServicesWithTheSameFields() {
        Map<String, String> files = csv(mine(export(), Set.of(shelter, clinic)));
        Map<String, String> fresh = freshIds(files);

        importZip(zip(renamed(files, fresh))).expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(2);

        UUID copy = UUID.fromString(fresh.get(shelter.toString()));
        staff().get().uri("/api/admin/resources/services/{id}", copy).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("=HSDS tabular shelter")
                .jsonPath("$.organization.name").isEqualTo("@HSDS tabular shelter org")
                .jsonPath("$.location.location_type").isEqualTo("confidential")
                .jsonPath("$.location.address_1").isEqualTo(street);
    }

    @Test
    void oneBadRowRejectsTheFileNamingItsFileRowAndColumnAndStoresNothing() {
        Map<String, String> files = csv(mine(export(), Set.of(shelter, clinic)));
        Map<String, String> fresh = freshIds(files);
        Map<String, String> copy = renamed(files, fresh);
        copy.put("phones.csv", copy.get("phones.csv").replace("555-0143", "<script>alert(1)</script>"));
        int row = TabularPackage.table(copy.get("phones.csv")).rows().stream()
                .map(phone -> phone.get("number")).toList().indexOf("<script>alert(1)</script>") + 2;

        importZip(zip(copy)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("phones.csv[" + row + "].number")
                .jsonPath("$.errors[0].message").isEqualTo("may hold only digits, spaces and + ( ) - .");

        for (UUID original : List.of(shelter, clinic)) {
            staff().get().uri("/api/admin/resources/services/{id}", fresh.get(original.toString())).exchange()
                    .expectStatus().isNotFound();
        }
    }

    @Test
    void hostileArchivesAreProblemsNeverServerErrors() {
        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("not a zip", "this is not a zip".getBytes(StandardCharsets.UTF_8));
        refused.put("empty", new byte[0]);
        refused.put("climbing name", zip(Map.of("../../organizations.csv", "id,name,description\n")));
        refused.put("absolute name", zip(Map.of("/etc/services.csv", "id\n")));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            many.put("folder/" + i + ".txt", "");
        }
        refused.put("too many entries", zip(many));
        refused.put("bomb", ZipFixtures.bomb("id,name,description"));
        refused.put("unclosed quote", zip(Map.of("organizations.csv", "id,name,description\n"
                + UUID.randomUUID() + ",\"unclosed\n", "services.csv", "id,organization_id,name,status\n")));
        refused.put("endless line", zip(Map.of("organizations.csv", "id,name,description\n" + UUID.randomUUID()
                + ",\"" + "x".repeat(70_000) + "\",d\n", "services.csv", "id,organization_id,name,status\n")));
        refused.put("ragged row", zip(Map.of("organizations.csv", "id,name,description\n" + UUID.randomUUID()
                + ",a,b,c\n", "services.csv", "id,organization_id,name,status\n")));
        refused.put("sql in an id", zip(Map.of("organizations.csv", "id,name,description\n'; drop table service;"
                + " --,a,b\n", "services.csv", "id,organization_id,name,status\n")));
        refused.put("no services", zip(Map.of("organizations.csv", "id,name,description\n",
                "services.csv", "id,organization_id,name,status\n")));

        refused.forEach((what, zip) -> importZip(zip).expectStatus().value(status -> assertThat(status)
                        .as(what).isEqualTo(400))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void tabularImportNeedsTheResourceEditorRole() {
        http.post().uri(IMPORT).contentType(ZIP).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isUnauthorized();
        http.mutateWith(mockJwt().authorities(new SimpleGrantedAuthority("ROLE_moderator")))
                .post().uri(IMPORT).contentType(ZIP).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isForbidden();
    }

    /** The rows of these services and of what they link to, every table kept (empty ones too). */
    static Map<String, Table> mine(Map<String, Table> all, Set<UUID> services) {
        Set<String> ids = new HashSet<>();
        services.forEach(id -> ids.add(id.toString()));
        Set<String> organizations = column(all.get("services.csv"), "id", ids, "organization_id");
        Set<String> locations = column(all.get("service_at_location.csv"), "service_id", ids, "location_id");
        Set<String> phones = column(all.get("phones.csv"), "service_id", ids, "id");
        Map<String, Table> mine = new LinkedHashMap<>();
        all.forEach((file, table) -> mine.put(file, new Table(table.header(), table.rows().stream().filter(row ->
                switch (file) {
                    case "organizations.csv" -> organizations.contains(row.get("id"));
                    case "services.csv", "phones.csv", "schedules.csv", "service_at_location.csv" ->
                            ids.contains(row.get("service_id")) || ids.contains(row.get("id"));
                    case "locations.csv" -> locations.contains(row.get("id"));
                    case "addresses.csv", "accessibility.csv" -> locations.contains(row.get("location_id"));
                    case "languages.csv" -> ids.contains(row.get("service_id")) || phones.contains(row.get("phone_id"));
                    case "attributes.csv" -> ids.contains(row.get("link_id")) || locations.contains(row.get("link_id"));
                    default -> true; // taxonomies, taxonomy terms, and the tables the directory leaves empty
                }).toList())));
        return mine;
    }

    private static Set<String> column(Table table, String key, Set<String> values, String column) {
        Set<String> found = new HashSet<>();
        table.rows().stream().filter(row -> values.contains(row.get(key))).forEach(row -> found.add(row.get(column)));
        return found;
    }

    private static Map<String, Table> withoutLastModified(Map<String, Table> tables) {
        Map<String, Table> copy = new LinkedHashMap<>(tables);
        Table services = tables.get("services.csv");
        copy.put("services.csv", new Table(services.header(), services.rows().stream().map(row -> {
            Map<String, String> without = new LinkedHashMap<>(row);
            without.remove("last_modified");
            return without;
        }).toList()));
        return copy;
    }

    /** A new id for each service and each place (a place belongs to one service). */
    private static Map<String, String> freshIds(Map<String, String> files) {
        Map<String, String> fresh = new HashMap<>();
        for (String file : List.of("services.csv", "locations.csv")) {
            TabularPackage.table(files.get(file)).rows()
                    .forEach(row -> fresh.put(row.get("id"), UUID.randomUUID().toString()));
        }
        return fresh;
    }

    private static Map<String, String> renamed(Map<String, String> files, Map<String, String> fresh) {
        Map<String, String> renamed = new LinkedHashMap<>();
        files.forEach((file, text) -> {
            for (Map.Entry<String, String> id : fresh.entrySet()) {
                text = text.replace(id.getKey(), id.getValue());
            }
            renamed.put(file, text);
        });
        return renamed;
    }

    private static Map<String, String> csv(Map<String, Table> tables) {
        Map<String, String> files = new LinkedHashMap<>();
        tables.forEach((file, table) -> files.put(file, table.csv()));
        return files;
    }

    private Map<String, Table> export() {
        byte[] zip = staff().get().uri(EXPORT).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(ZIP)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(byte[].class).returnResult().getResponseBody();
        Map<String, Table> tables = new LinkedHashMap<>();
        ZipFixtures.entries(zip).forEach((file, text) -> {
            if (file.endsWith(".csv")) {
                tables.put(file, TabularPackage.table(text));
            }
        });
        assertThat(ZipFixtures.entries(zip)).containsKey("datapackage.json");
        return tables;
    }

    private static byte[] zip(Map<String, String> files) {
        return ZipFixtures.zip(files);
    }

    private WebTestClient.ResponseSpec importZip(byte[] zip) {
        return staff().mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .post().uri(IMPORT).contentType(ZIP).bodyValue(zip).exchange();
    }

    private WebTestClient staff() {
        // the export is the whole directory, which the other test classes of this JVM have filled
        return http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(60)).build()
                .mutateWith(mockJwt().authorities(RESOURCE_EDITOR));
    }
}
