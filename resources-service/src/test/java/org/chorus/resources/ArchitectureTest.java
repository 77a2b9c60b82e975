package org.chorus.resources;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Package by feature: the hotlines, the ZIP table and the taxonomies stand alone, so they keep working whatever the
 * directory does; the directory (model and staff editing) knows nothing of search or of import and export, which
 * build on it and not on each other.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.chorus.resources");

    private static final String[] FEATURES = {"..resources.directory..", "..resources.search..",
            "..resources.interchange..", "..resources.hotline..", "..resources.geo..", "..resources.taxonomy..",
            "..resources.hsds.."};

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("org.chorus.resources.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void hotlinesNeedNeitherTheDatabaseNorTheDirectory() {
        noClasses().that().resideInAPackage("..resources.hotline..")
                .should().dependOnClassesThat().resideInAnyPackage("..resources.directory..", "org.springframework.r2dbc..",
                        "io.r2dbc..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..resources.geo..")
                .should().dependOnClassesThat().resideInAPackage("..resources.directory..")
                .check(CLASSES);
    }

    @Test
    void hotlinesZipsAndTaxonomiesDependOnNoOtherFeature() {
        for (String standalone : new String[] {"..resources.hotline..", "..resources.geo..", "..resources.taxonomy.."}) {
            noClasses().that().resideInAPackage(standalone)
                    .should().dependOnClassesThat().resideInAnyPackage(othersThan(standalone))
                    .check(CLASSES);
        }
    }

    @Test
    void theDirectoryKnowsNothingOfSearchOrInterchange() {
        noClasses().that().resideInAPackage("..resources.directory..")
                .should().dependOnClassesThat().resideInAnyPackage("..resources.search..", "..resources.interchange..")
                .check(CLASSES);
    }

    @Test
    void searchAndInterchangeStayApart() {
        noClasses().that().resideInAPackage("..resources.search..")
                .should().dependOnClassesThat().resideInAPackage("..resources.interchange..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..resources.interchange..")
                .should().dependOnClassesThat().resideInAnyPackage("..resources.search..", "..resources.geo..",
                        "..resources.hotline..")
                .check(CLASSES);
    }

    @Test
    void noFeatureReachesIntoTheApplicationPackage() {
        noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat().resideInAPackage("org.chorus.resources")
                .check(CLASSES);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        CLASSES.getPackage("org.chorus.resources").getSubpackagesInTree().forEach(pkg ->
                assertThat(pkg.tryGetPackageInfo()).as("package-info.java of " + pkg.getName()).isPresent());
        assertThat(CLASSES.getPackage("org.chorus.resources").tryGetPackageInfo()).isPresent();
    }

    private static String[] othersThan(String feature) {
        return Arrays.stream(FEATURES).filter(other -> !other.equals(feature)).toArray(String[]::new);
    }
}
