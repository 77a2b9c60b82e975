package org.chorus.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The root of the Chorus checkout, found from the working directory of any module. */
public final class ChorusHome {

    private static final Path REALM = Path.of("deploy", "keycloak", "chorus-realm.json");

    private ChorusHome() {
    }

    public static Path root() {
        String configured = System.getProperty("chorus.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(REALM))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from inside the Chorus checkout or set -Dchorus.home");
    }

    public static Path realmFile() {
        return root().resolve(REALM);
    }
}
