package org.chorus.resources.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.resources.ResourcesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One source for the service types: the endpoint the pages read, and the database's check constraint, agree. */
@ResourcesIntegrationTest
class TaxonomiesIT {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void anyoneReadsTheServiceTypesWithTheirLabelsAndMayCacheThem() {
        http.get().uri("/api/resources/taxonomies").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .expectBody()
                .jsonPath("$.serviceTypes.length()").isEqualTo(9)
                .jsonPath("$.serviceTypes[*].code").isEqualTo(List.of("crisis-hotline", "counselling",
                        "legal-advocacy", "medical-forensic-exam", "shelter", "support-group",
                        "hospital-accompaniment", "housing-assistance", "prevention-education"))
                .jsonPath("$.serviceTypes[0].label.en").isEqualTo("Crisis hotline")
                .jsonPath("$.serviceTypes[0].label.es").isEqualTo("Línea de crisis")
                .jsonPath("$.serviceTypes[3].label.en").isEqualTo("Medical / forensic exam")
                .jsonPath("$.serviceTypes[3].label.es").isEqualTo("Examen médico / forense")
                .jsonPath("$.serviceTypes[8].label.es").isEqualTo("Educación para la prevención");
    }

    @Test
    void everyServiceTypeHasBothLabels() {
        for (TaxonomyTerm term : TaxonomyTerm.values()) {
            assertThat(term.label.en()).as(term.code).isNotBlank();
            assertThat(term.label.es()).as(term.code).isNotBlank();
        }
    }

    @Test
    void theEnumAndTheSqlCheckConstraintListTheSameServiceTypes() {
        String definition = db.sql("""
                        select pg_get_constraintdef(c.oid) as definition from pg_constraint c
                        where c.conrelid = 'service'::regclass and c.contype = 'c'
                            and pg_get_constraintdef(c.oid) like '%taxonomy_terms%'""")
                .map(row -> row.get("definition", String.class)).one().block();

        assertThat(definition).isNotNull();
        assertThat(quoted(definition)).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(TaxonomyTerm.values()).map(term -> term.code).toList());
    }

    private static List<String> quoted(String definition) {
        List<String> values = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(definition);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
