package org.chorus.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
 * The module's map, held by a test: feature packages form no cycle and depend on each other only as drawn below
 * (what they call of each other is public on purpose; javac keeps the rest package-private), sending mail and
 * keeping addresses private are mechanisms that know no feature, and every package says what it holds.
 */
@AnalyzeClasses(packages = "org.chorus.notifications", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {"org.chorus.notifications.campaign..",
            "org.chorus.notifications.digest..", "org.chorus.notifications.receipt..",
            "org.chorus.notifications.staff..", "org.chorus.notifications.subscription..",
            "org.chorus.notifications.nearby.."};

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("org.chorus.notifications.(*)..")
            .should().beFreeOfCycles();

    /**
     * Campaigns and "new help near you" go to subscribers (and link to their preferences); the digest goes to staff;
     * author mail stands alone. Every feature may use mail and privacy, which use none.
     */
    @ArchTest
    static final ArchRule featuresDependOnlyAsDrawn = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("campaign").definedBy("org.chorus.notifications.campaign..")
            .layer("digest").definedBy("org.chorus.notifications.digest..")
            .layer("receipt").definedBy("org.chorus.notifications.receipt..")
            .layer("subscription").definedBy("org.chorus.notifications.subscription..")
            .layer("nearby").definedBy("org.chorus.notifications.nearby..")
            .layer("staff").definedBy("org.chorus.notifications.staff..")
            .layer("mail").definedBy("org.chorus.notifications.mail..")
            .layer("privacy").definedBy("org.chorus.notifications.privacy..")
            .whereLayer("campaign").mayNotBeAccessedByAnyLayer()
            .whereLayer("digest").mayNotBeAccessedByAnyLayer()
            .whereLayer("receipt").mayNotBeAccessedByAnyLayer()
            .whereLayer("nearby").mayNotBeAccessedByAnyLayer()
            .whereLayer("subscription").mayOnlyBeAccessedByLayers("campaign", "nearby")
            .whereLayer("staff").mayOnlyBeAccessedByLayers("digest")
            .whereLayer("mail").mayOnlyBeAccessedByLayers("campaign", "digest", "receipt", "subscription", "nearby")
            .whereLayer("privacy").mayOnlyBeAccessedByLayers("campaign", "receipt", "subscription", "nearby");

    @ArchTest
    static final ArchRule mailAndPrivacyDependOnNoFeature = noClasses()
            .that().resideInAnyPackage("org.chorus.notifications.mail..", "org.chorus.notifications.privacy..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    /** The application package wires the service together; no feature reaches back into it. */
    @ArchTest
    static final ArchRule featuresDoNotDependOnTheApplicationPackage = noClasses()
            .that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAPackage("org.chorus.notifications");

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
