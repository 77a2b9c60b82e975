package org.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chorus.testsupport.ChorusHome;
import org.junit.jupiter.api.Test;

/** The README is the map of the repository: every relative link in it must lead somewhere. */
class ReadmeLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyRelativeLinkInAReadmePointsAtAFileOrFolderOfTheRepository() throws IOException {
        Path root = ChorusHome.root();
        List<Path> readmes;
        try (Stream<Path> files = Files.walk(root)) {
            readmes = files.filter(file -> file.getFileName().toString().equals("README.md"))
                    .filter(file -> !root.relativize(file).toString().contains("target"))
                    .filter(file -> !root.relativize(file).startsWith(".devstack"))
                    .toList();
        }
        assertThat(readmes).contains(root.resolve("README.md"));
        for (Path readme : readmes) {
            Matcher links = LINK.matcher(Files.readString(readme));
            while (links.find()) {
                String target = links.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                Path resolved = readme.getParent().resolve(target).normalize();
                assertThat(resolved).as("link %s in %s", target, root.relativize(readme)).exists();
                assertThat(resolved.startsWith(root)).as("link %s in %s stays in the repository", target, readme).isTrue();
            }
        }
    }

    @Test
    void quickStartNamesTheTwoCommandsThatCiAndDevelopersUse() throws IOException {
        String readme = Files.readString(ChorusHome.root().resolve("README.md"));
        String ci = Files.readString(ChorusHome.root().resolve(".ci/run"));

        assertThat(readme).contains("## Quick start", "./devstack", "./mvnw -B verify");
        assertThat(ci).contains("./mvnw -B verify");
    }
}
