package org.chorus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path root;

    private Path home;

    @BeforeEach
    void emptyMachine() throws IOException {
        home = Files.createDirectories(root.resolve("home/someone"));
    }

    @Test
    void aMachineWithNoSocketNoSettingAndNoDockerHostIsAnsweredWithoutAskingTestcontainers() {
        assertThat(DockerProbe.anythingPointsAtAnEngine(Map.of("XDG_RUNTIME_DIR", root.resolve("run/user/1000").toString()), home, root))
                .isFalse();
    }

    @Test
    void dockerHostOrTestcontainersSettingsAreWorthAsking() throws IOException {
        assertThat(DockerProbe.anythingPointsAtAnEngine(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home, root)).isTrue();

        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///somewhere.sock\n");
        assertThat(DockerProbe.anythingPointsAtAnEngine(Map.of(), home, root)).isTrue();
    }

    @Test
    void aSocketInTheUsersDockerDesktopFolderIsWorthAsking() throws IOException {
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));

        assertThat(DockerProbe.anythingPointsAtAnEngine(Map.of(), home, root)).isTrue();
    }

    @Test
    void theSystemSocketIsWorthAsking() throws IOException {
        Files.createDirectories(root.resolve("var/run"));
        Files.createFile(root.resolve("var/run/docker.sock"));

        assertThat(DockerProbe.anythingPointsAtAnEngine(Map.of(), home, root)).isTrue();
    }
}
