package org.chorus.resources.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chorus.resources.directory.ServiceDraft;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.OrganizationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.chorus.resources.hsds.Hsds.Service;
import org.chorus.resources.interchange.ZipFixtures;
import org.chorus.web.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;

/**
 * HSDS's tabular data package, out and back: the export is every table and column Open Referral's datapackage.json
 * declares, its cells conform to it, and it reads back as the services the JSON form gives; a bad file is refused
 * naming the file, row and column.
 */
class HsdsTablesTest {

    static final HsdsMapping MAPPING = new HsdsMapping(Clock.systemUTC());

    @TempDir
    Path work;

    @TempDir
    Path uploads;

    @Test
    void theShippedPackageIsTheOneOpenReferralPublished() {
        assertThat(HsdsSchemas.sha256(new String(HsdsTables.PACKAGE, StandardCharsets.UTF_8)))
                .isEqualTo(HsdsSchemas.recordedSums().get(HsdsSchemas.DATAPACKAGE));
        assertThat(HsdsTables.COLUMNS).hasSize(21).containsKeys(HsdsTables.SERVICE_AT_LOCATION,
                HsdsTables.TAXONOMY_TERMS, "contacts.csv", "funding.csv", "metadata.csv");
    }

    @Test
    void anExportHasEveryTableAndColumnOfThePublishedPackageAndConformsToIt() throws IOException {
        Map<String, String> files = ZipFixtures.entries(export(services()));

        assertThat(TabularPackage.errors(files)).isEmpty();
        JsonNode published = TabularPackage.published();
        assertThat(files.keySet()).hasSize(published.get("resources").size() + 1);
        assertThat(files.get(HsdsTables.DATAPACKAGE))
                .isEqualTo(HsdsSchemas.published(HsdsSchemas.DATAPACKAGE));
        assertThat(TabularPackage.table(files.get("services.csv")).rows()).hasSize(2);
        assertThat(TabularPackage.table(files.get("contacts.csv")).rows()).isEmpty();
    }

    @Test
    void extensionsAreAttributesNamingTermsTheExportDefines() throws IOException {
        Map<String, String> files = ZipFixtures.entries(export(services()));

        List<Map<String, String>> attributes = TabularPackage.table(files.get("attributes.csv")).rows();
        List<Map<String, String>> terms = TabularPackage.table(files.get("taxonomy_terms.csv")).rows();
        String callForLocation = terms.stream().filter(term -> term.get("code").equals("call_for_location"))
                .findFirst().orElseThrow().get("id");
        assertThat(attributes).anyMatch(attribute -> attribute.get("taxonomy_term_id").equals(callForLocation)
                && attribute.get("link_entity").equals("location") && attribute.get("value").equals("true"));
        assertThat(attributes).allMatch(attribute -> terms.stream()
                .anyMatch(term -> term.get("id").equals(attribute.get("taxonomy_term_id"))));
    }

    @Test
    void textThatASpreadsheetWouldRunIsDisarmedAndNumbersStayNumbers() throws IOException {
        Map<String, String> files = ZipFixtures.entries(export(services()));

        assertThat(files.get("services.csv")).contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"")
                .doesNotContain(",=HYPERLINK");
        assertThat(files.get("phones.csv")).contains("'+1 555-0142").contains("'@cmd");
        assertThat(TabularPackage.table(files.get("locations.csv")).rows())
                .anyMatch(place -> place.get("longitude").equals("-97.75"));
    }

    @Test
    void anExportReadsBackAsTheServicesItsJsonFormGives() throws IOException {
        List<ServiceView> views = services();

        List<ServiceDraft> drafts = drafts(export(views));

        assertThat(drafts).containsExactlyElementsOf(views.stream()
                .map(view -> HsdsDrafts.draft(MAPPING.staffService(view))).toList());
        assertThat(drafts.get(0).places().get(0).address1()).isEqualTo("9 Hidden Row");
        assertThat(drafts.get(0).places().get(0).locationType()).isEqualTo("confidential");
        assertThat(drafts.get(0).name()).startsWith("=HYPERLINK");
    }

    @Test
    void aBadCellIsNamedByFileRowAndColumn() throws IOException {
        Map<String, String> files = ZipFixtures.entries(export(services()));
        String phones = files.get("phones.csv");
        String firstPhoneId = TabularPackage.table(phones).rows().get(0).get("id");
        files.put("phones.csv", phones.replace(firstPhoneId, "not-a-uuid"));
        String places = files.get("service_at_location.csv");
        String location = TabularPackage.table(places).rows().get(1).get("location_id");
        files.put("service_at_location.csv", places.replace("," + location + ",", "," + UUID.randomUUID() + ","));

        assertThat(refused(zip(files))).contains(
                "service_at_location.csv[3].location_id: is not the id of a row in locations.csv",
                "phones.csv[2].id: must be a UUID such as 3f2a0c9e-0b1d-4c47-9b7e-2d1f0a6c8e51");
    }

    @Test
    void aFaultInANestedRecordIsNamedAtItsOwnRow() throws IOException {
        Map<String, String> files = ZipFixtures.entries(export(services()));
        files.put("schedules.csv", files.get("schedules.csv").replace(",FR,", ",XX,"));

        HsdsTableImport.Read tables = HsdsTableImport.read(write(zip(files)), 10_000_000);
        ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
                () -> HsdsDrafts.read(tables.services(), tables.sources(), tables::fault));

        assertThat(fields(refused)).containsExactly("schedules.csv[3].byday");
        assertThat(tables.fault(0, "service_at_locations[0].location.addresses[0].postal_code", "x").source())
                .isEqualTo(new org.chorus.resources.interchange.DirectoryImport.Source("addresses.csv", 2));
        assertThat(tables.fault(0, "service_at_locations", "x").field()).isEqualTo("service_at_locations");
        assertThat(tables.fault(1, "phones[0].languages[1].code", "x").source().file()).isEqualTo("languages.csv");
    }

    @Test
    void filesAreRequiredAndHeadersMustNameTheRequiredColumns() {
        assertThat(refused(zip(Map.of("services.csv", "id,organization_id,name,status\n"))))
                .contains("organizations.csv[1]: is missing from the ZIP file");
        assertThat(refused(zip(Map.of("organizations.csv", "id,name\n", "services.csv",
                "id,organization_id,name,status\n"))))
                .contains("organizations.csv[1].description: is a required column");
    }

    @Test
    void hostileArchivesAreRefusedBeforeAnythingIsRead() {
        for (String name : List.of("../services.csv", "/etc/services.csv", "a/../../services.csv",
                "C:\\services.csv", "..\\services.csv")) {
            assertThatThrownBy(() -> HsdsTableImport.read(write(zip(Map.of(name, "id\n"))), 1_000_000))
                    .as(name).isInstanceOf(InvalidInput.class).hasMessageContaining("outside the archive");
        }
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 101; i++) {
            many.put("extra-" + i + ".txt", "");
        }
        assertThatThrownBy(() -> HsdsTableImport.read(write(zip(many)), 1_000_000))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("more than 100 files");
        String big = "id,name,description\n" + (UUID.randomUUID() + ",x,y\n").repeat(50_000);
        assertThatThrownBy(() -> HsdsTableImport.read(write(zip(Map.of("organizations.csv", big))), 100_000))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("unpacks to more");
    }

    /** A confidential shelter with hostile text, and a clinic with a virtual place, phones, hours and languages. */
    static List<ServiceView> services() {
        UUID shelterPlace = UUID.randomUUID();
        LocationView shelter = new LocationView(shelterPlace, "confidential", "9 Hidden Row", "Austin", "TX", "78701",
                30.27, -97.74, "America/Chicago", List.of("wheelchair"), true);
        ServiceView hidden = new ServiceView(UUID.randomUUID(), "=HYPERLINK(\"http://evil.example\")",
                "<script>alert(1)</script> '; drop table service; -- ❤ مرحبا", new OrganizationView(
                        UUID.randomUUID(), "@Shelter org", "Keeps people safe", "https://example.org"), "active", null,
                null, true, true, LocalDate.of(2026, 11, 1), List.of("en"), List.of("shelter", "counselling"),
                shelter, List.of(shelter), List.of(new PhoneView("+1 555-0142", "voice", "@cmd", List.of())),
                List.of(), Instant.parse("2026-12-01T10:15:30.123456Z"));
        LocationView office = new LocationView(UUID.randomUUID(), "physical", "1 Main St", "Austin", "TX", "78702",
                30.25, -97.75, "America/Chicago", List.of(), null);
        LocationView online = new LocationView(UUID.randomUUID(), "virtual", null, null, null, null, null, null,
                "America/New_York", List.of(), null);
        ServiceView clinic = new ServiceView(UUID.randomUUID(), "DEMO clinic", null, new OrganizationView(
                UUID.randomUUID(), "DEMO org", "Helps", null), "temporarily closed", "Flooded",
                LocalDate.of(2027, 1, 15), false, false, null, List.of("en", "es", "vi"), List.of("counselling"),
                office, List.of(office, online), List.of(new PhoneView("555-0100", "tty", "Deaf line",
                        List.of("en", "es")), new PhoneView("555-0101", "text", null, List.of())),
                List.of(new ScheduleView("MO", "09:00", "17:00"), new ScheduleView("FR", "22:00", "02:00")),
                Instant.parse("2026-12-02T08:00:00Z"));
        return List.of(hidden, clinic);
    }

    private byte[] export(List<ServiceView> views) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HsdsTableExport.write(views.stream().map(MAPPING::staffService).toList(), out, work);
        try (var left = Files.list(work)) {
            assertThat(left).as("temporary files left behind").isEmpty();
        }
        return out.toByteArray();
    }

    private List<ServiceDraft> drafts(byte[] zip) {
        HsdsTableImport.Read tables = HsdsTableImport.read(write(zip), 10_000_000);
        List<Service> services = tables.services();
        return HsdsDrafts.read(services, tables.sources(), tables::fault).drafts();
    }

    private List<String> refused(byte[] zip) {
        ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
                () -> HsdsTableImport.read(write(zip), 10_000_000));
        assertThat(refused).as("refused").isNotNull();
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) refused.getBody().getProperties().get("errors");
        return errors.stream().map(error -> error.get("field") + ": " + error.get("message")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ErrorResponseException refused) {
        assertThat(refused).as("refused").isNotNull();
        return ((List<Map<String, String>>) refused.getBody().getProperties().get("errors")).stream()
                .map(error -> error.get("field")).toList();
    }

    private Path write(byte[] zip) {
        try {
            Path file = Files.createTempFile(uploads, "hsds-", ".zip");
            Files.write(file, zip);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(Map<String, String> files) {
        return ZipFixtures.zip(files);
    }
}
