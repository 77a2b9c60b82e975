package org.chorus.resources.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.chorus.resources.directory.ServiceView;
import org.chorus.resources.directory.ServiceView.LocationView;
import org.chorus.resources.directory.ServiceView.OrganizationView;
import org.chorus.resources.directory.ServiceView.PhoneView;
import org.chorus.resources.directory.ServiceView.ScheduleView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export reads back as the same services, its formula-looking cells cannot run, and it leaves no file behind. */
class CsvExportTest {

    @TempDir
    Path work;

    @Test
    void anExportReadsBackAsTheSameServiceWithFormulasDisarmed() throws IOException {
        UUID id = UUID.randomUUID();
        UUID place = UUID.randomUUID();
        ServiceView service = new ServiceView(id, "=HYPERLINK(\"http://evil\")", "+1 line\r\nsecond, \"quoted\"",
                new OrganizationView(UUID.randomUUID(), "@Org — Línea", null, "https://example.org"), "active", null,
                null, true, false, LocalDate.of(2026, 11, 1), List.of("en", "es"), List.of("shelter"), null,
                List.of(new LocationView(place, "physical", "-1 Main", "Austin", "TX", "78701", 30.25, -97.75,
                        "America/Chicago", List.of("wheelchair"), null)),
                List.of(new PhoneView("555-0100", "voice", "=cmd|' /C calc'!A0", List.of("es"))),
                List.of(new ScheduleView("MO", "09:00", "17:00")), null);
        Path zip = work.resolve("export.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CsvExport.write(List.of(service), out, work);
        Files.write(zip, out.toByteArray());

        String services;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            services = new String(file.getInputStream(file.getEntry(DirectoryCsv.SERVICES)).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        assertThat(services).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").doesNotContain(",=");
        try (var files = Files.list(work)) {
            assertThat(files).containsExactly(zip);
        }
        var draft = DirectoryCsv.read(zip, 1_000_000).drafts().get(0);
        assertThat(draft.name()).isEqualTo(service.name());
        assertThat(draft.description()).isEqualTo(service.description());
        assertThat(draft.organization().name()).isEqualTo("@Org — Línea");
        assertThat(draft.locations().get(0).address1()).isEqualTo("-1 Main");
        assertThat(draft.phones().get(0).description()).isEqualTo("=cmd|' /C calc'!A0");
        assertThat(draft.phones().get(0).languages()).containsExactly("es");
        assertThat(draft.languages()).containsExactly("en", "es");
        assertThat(draft.taxonomyTerms()).containsExactly("shelter");
        assertThat(draft.schedules()).hasSize(1);
    }

    @Test
    void escapesOnlyWhatASpreadsheetWouldRun() {
        assertThat(List.of("=1", "+1", "-1", "@x", "\tx", "\rx", "plain", "a=b", ""))
                .map(DirectoryCsv::escaped)
                .containsExactly("'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "plain", "a=b", "");
        assertThat(DirectoryCsv.escaped(null)).isEmpty();
        assertThat(DirectoryCsv.unescaped("'=1")).isEqualTo("=1");
        assertThat(DirectoryCsv.unescaped("'plain")).isEqualTo("'plain");
    }
}
