package org.chorus.stories;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module's map, held by a test: feature packages form no cycle and depend on each other in one direction only
 * (what they may call of each other is public, and javac keeps the rest package-private), a feature's HTTP surface
 * and services stay inside it, and every package says what it holds.
 */
@AnalyzeClasses(packages = "org.chorus.stories", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {"org.chorus.stories.story..", "org.chorus.stories.moderation..",
            "org.chorus.stories.consent..", "org.chorus.stories.reading..", "org.chorus.stories.taxonomy.."};

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("org.chorus.stories.(*)..")
            .should().beFreeOfCycles();

    /**
     * The direction features may depend in: moderation decides on stories as stored; the author's side records
     * consents; every feature describes stories by the taxonomies; readers see only the published copies.
     */
    @ArchTest
    static final ArchRule featuresDependInOneDirection = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("moderation").definedBy("org.chorus.stories.moderation..")
            .layer("reading").definedBy("org.chorus.stories.reading..")
            .layer("story").definedBy("org.chorus.stories.story..")
            .layer("consent").definedBy("org.chorus.stories.consent..")
            .layer("taxonomy").definedBy("org.chorus.stories.taxonomy..")
            .layer("encryption").definedBy("org.chorus.stories.encryption..")
            .whereLayer("moderation").mayNotBeAccessedByAnyLayer()
            .whereLayer("reading").mayNotBeAccessedByAnyLayer()
            .whereLayer("story").mayOnlyBeAccessedByLayers("moderation")
            .whereLayer("consent").mayOnlyBeAccessedByLayers("story", "moderation")
            .whereLayer("taxonomy").mayOnlyBeAccessedByLayers("story", "moderation", "reading")
            .whereLayer("encryption").mayOnlyBeAccessedByLayers("story", "moderation");

    /** Encryption is a mechanism the features use; it knows nothing of stories. */
    @ArchTest
    static final ArchRule encryptionDependsOnNoFeature = noClasses()
            .that().resideInAPackage("org.chorus.stories.encryption..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    /** Kafka is reached only through the outbox, after the commit, never from a request. */
    @ArchTest
    static final ArchRule featuresNeverTalkToKafkaDirectly = noClasses()
            .that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..");

    /**
     * Scheduled work runs on the platform's {@code PollingLoop}, its pauses from typed properties: no
     * {@code @Scheduled} with placeholder defaults repeated in annotations.
     */
    @ArchTest
    static final ArchRule scheduledWorkRunsOnThePollingLoop = noMethods()
            .should().beAnnotatedWith("org.springframework.scheduling.annotation.Scheduled");

    /** A feature's endpoints and services are its own: other features call only what it makes public on purpose. */
    @ArchTest
    static final ArchRule controllersAndServicesStayInsideTheirFeature = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Service.class)
            .should().notBePublic();

    /** Javadoc-only package-info files leave no class file, so the sources are read. */
    @ArchTest
    static void everyPackageSaysWhatItHolds(JavaClasses classes) {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).isNotEmpty().allSatisfy(name -> assertThat(
                Path.of("src/main/java", name.replace('.', '/'), "package-info.java"))
                .as("package-info.java of %s", name).satisfies(path -> assertThat(Files.isRegularFile(path)).isTrue()));
    }
}
