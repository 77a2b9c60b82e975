package org.chorus.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker engine answers; any failure to ask counts as "no". Where nothing points at an
 * engine (no {@code DOCKER_HOST}, no Testcontainers settings, none of the usual sockets) the answer is "no" without
 * asking: Testcontainers would log an ERROR with a stack in every test JVM of a machine that has no Docker, as CI's.
 */
final class DockerProbe {

    private static final List<String> SYSTEM_SOCKETS = List.of("var/run/docker.sock", "run/docker.sock");
    private static final List<String> USER_SOCKETS = List.of(".docker/run/docker.sock", ".docker/desktop/docker.sock",
            ".colima/default/docker.sock", ".rd/docker.sock");
    private static final List<String> RUNTIME_SOCKETS = List.of("docker.sock", "podman/podman.sock");

    private DockerProbe() {
    }

    static boolean answers() {
        if (!anythingPointsAtAnEngine(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("/"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** {@code root} is the file system's root; a test gives an empty folder. */
    static boolean anythingPointsAtAnEngine(Map<String, String> environment, Path home, Path root) {
        if (environment.containsKey("DOCKER_HOST") || Files.exists(home.resolve(".testcontainers.properties"))) {
            return true;
        }
        Path runtime = Path.of(environment.getOrDefault("XDG_RUNTIME_DIR", root.resolve("nonexistent").toString()));
        return SYSTEM_SOCKETS.stream().map(root::resolve).anyMatch(Files::exists)
                || USER_SOCKETS.stream().map(home::resolve).anyMatch(Files::exists)
                || RUNTIME_SOCKETS.stream().map(runtime::resolve).anyMatch(Files::exists);
    }
}
