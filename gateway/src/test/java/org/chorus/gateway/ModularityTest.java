package org.chorus.gateway;

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
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's map, held by a test: its packages form no cycle, the edge (what every request passes) and the
 * rate limit know nothing of staff sign-in, and what a package wires into Spring stays package-private.
 */
@AnalyzeClasses(packages = "org.chorus.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTest {

    private static final String[] PACKAGES = {"org.chorus.gateway.edge..", "org.chorus.gateway.hotline..",
            "org.chorus.gateway.ratelimit..", "org.chorus.gateway.redis..", "org.chorus.gateway.signin..",
            "org.chorus.gateway.cache..", "org.chorus.gateway.proof..", "org.chorus.gateway.surge.."};

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.chorus.gateway.(*)..")
            .should().beFreeOfCycles();

    /** The application package assembles the others; none of them reaches back into it. */
    @ArchTest
    static final ArchRule noPackageDependsOnTheApplication = noClasses().that().resideInAnyPackage(PACKAGES)
            .should().dependOnClassesThat().resideInAPackage("org.chorus.gateway");

    /**
     * The directions the packages depend in: the edge is what the others build on (its problem answers) and
     * depends on none of them; only the rate limit and the proof-of-work read the Redis settings; nobody calls into sign-in, the
     * hotlines or the rate limit, which Spring wires in.
     */
    @ArchTest
    static final ArchRule packagesDependInOneDirection = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("application").definedBy("org.chorus.gateway")
            .layer("edge").definedBy("org.chorus.gateway.edge..")
            .layer("hotline").definedBy("org.chorus.gateway.hotline..")
            .layer("ratelimit").definedBy("org.chorus.gateway.ratelimit..")
            .layer("redis").definedBy("org.chorus.gateway.redis..")
            .layer("signin").definedBy("org.chorus.gateway.signin..")
            .layer("cache").definedBy("org.chorus.gateway.cache..")
            .layer("proof").definedBy("org.chorus.gateway.proof..")
            .layer("surge").definedBy("org.chorus.gateway.surge..")
            .whereLayer("signin").mayNotBeAccessedByAnyLayer()
            .whereLayer("cache").mayNotBeAccessedByAnyLayer()
            .whereLayer("proof").mayNotBeAccessedByAnyLayer()
            .whereLayer("surge").mayNotBeAccessedByAnyLayer()
            .whereLayer("hotline").mayNotBeAccessedByAnyLayer()
            .whereLayer("ratelimit").mayNotBeAccessedByAnyLayer()
            .whereLayer("redis").mayOnlyBeAccessedByLayers("ratelimit", "proof");

    @ArchTest
    static final ArchRule theEdgeDependsOnNoOtherPackage = noClasses().that().resideInAPackage("org.chorus.gateway.edge..")
            .should().dependOnClassesThat().resideInAnyPackage(PACKAGES[1], PACKAGES[2], PACKAGES[3], PACKAGES[4],
                    PACKAGES[5], PACKAGES[6], PACKAGES[7]);

    /** Spring finds them; no other package has reason to call them. */
    @ArchTest
    static final ArchRule wiringStaysPackagePrivate = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Configuration.class)
            .or().areAnnotatedWith(Component.class)
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
