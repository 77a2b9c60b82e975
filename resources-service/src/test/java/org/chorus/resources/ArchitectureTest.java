package org.chorus.resources;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package by feature: the hotlines and the ZIP table stand alone, so they keep working whatever the directory does. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.chorus.resources");

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
}
