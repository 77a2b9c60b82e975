package org.chorus.testsupport;

import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether a Docker engine answers; any failure to ask counts as "no". */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean answers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
