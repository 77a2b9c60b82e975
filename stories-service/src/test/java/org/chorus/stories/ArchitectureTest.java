package org.chorus.stories;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.chorus.stories", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Encryption is a mechanism the story feature uses; it knows nothing of stories. */
    @ArchTest
    static final ArchRule encryptionDependsOnNoFeature = noClasses()
            .that().resideInAPackage("org.chorus.stories.encryption..")
            .should().dependOnClassesThat().resideInAPackage("org.chorus.stories.story..");

    /** Kafka is reached only through the outbox, after the commit, never from a request. */
    @ArchTest
    static final ArchRule storiesNeverTalkToKafkaDirectly = noClasses()
            .that().resideInAPackage("org.chorus.stories.story..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..");
}
