package org.chorus.stories.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.stories.StoriesIntegrationTest;
import org.chorus.stories.consent.ConsentPurpose;
import org.chorus.stories.story.StoryStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The taxonomies are written in Java and again in the schema's check constraints. This reads every check constraint
 * from PostgreSQL's catalog, as the migrations left it, and holds the values it allows to the enum of the column it
 * checks, so that a value added on one side only fails here instead of in production.
 */
@StoriesIntegrationTest
class TaxonomyConstraintsIT {

    /** Each column that holds a taxonomy's wire values, with those values. */
    private static final Map<String, Set<String>> WIRE_VALUES = Map.of(
            "named_as", wire(Arrays.stream(NamedAs.values()).map(NamedAs::slug).toList()),
            "content_warnings", wire(ContentWarning.ALL),
            "suggested_themes", wire(Theme.ALL),
            "themes", wire(Theme.ALL),
            "reason", wire(Arrays.stream(ReportReason.values()).map(Enum::name).toList()),
            "status", wire(Arrays.stream(StoryStatus.values()).map(Enum::name).toList()),
            "purpose", wire(Arrays.stream(ConsentPurpose.values()).map(Enum::name).toList()));

    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'::text");

    @Autowired
    DatabaseClient db;

    record Check(String table, String name, String definition) {
    }

    @Test
    void everyCheckConstraintOnATaxonomyColumnAllowsExactlyTheEnumsValues() {
        List<Check> checks = db.sql("""
                        select c.conrelid::regclass::text as tbl, c.conname, pg_get_constraintdef(c.oid) as def
                        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
                        where c.contype = 'c' and n.nspname = current_schema()""")
                .map(row -> new Check(row.get("tbl", String.class), row.get("conname", String.class),
                        row.get("def", String.class)))
                .all().collectList().block();
        assertThat(checks).isNotNull();

        List<Check> onTaxonomies = checks.stream().filter(check -> column(check) != null).toList();
        // the three naming columns are checked today; finding none would mean this test reads the catalog wrongly
        assertThat(onTaxonomies).filteredOn(check -> "named_as".equals(column(check)))
                .extracting(Check::table).containsExactlyInAnyOrder("story", "story_revision", "published_story");
        assertThat(onTaxonomies).allSatisfy(check -> assertThat(literals(check.definition()))
                .as("%s.%s: %s", check.table(), check.name(), check.definition())
                .isEqualTo(WIRE_VALUES.get(column(check))));
    }

    /** The taxonomy column a check constrains, or null when it constrains none. */
    private static String column(Check check) {
        return WIRE_VALUES.keySet().stream()
                .filter(column -> Pattern.compile("\\b" + column + "\\b").matcher(check.definition()).find())
                .findFirst().orElse(null);
    }

    private static Set<String> literals(String definition) {
        Set<String> values = new TreeSet<>();
        Matcher literal = LITERAL.matcher(definition);
        while (literal.find()) {
            values.add(literal.group(1).replace("''", "'"));
        }
        return values;
    }

    private static Set<String> wire(List<String> values) {
        return new TreeSet<>(values);
    }
}
