package org.chorus.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/** A real Keycloak server with the {@code chorus} realm imported from {@code deploy/keycloak}. */
public interface KeycloakServer extends AutoCloseable {

    String VERSION = System.getProperty("chorus.keycloak.version", "26.5.6");
    String REALM = "chorus";
    Duration START_TIMEOUT = Duration.ofMinutes(4);

    /** Base URL, e.g. {@code http://localhost:8180}. */
    String url();

    default String issuer() {
        return url() + "/realms/" + REALM;
    }

    default String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    default String tokenUri() {
        return issuer() + "/protocol/openid-connect/token";
    }

    @Override
    void close();

    /**
     * The distribution from Maven Central, unpacked under {@code workDirectory} (tests use {@code target/}) and
     * started as a child process; its data (H2) stays there between runs.
     *
     * @param output where the server's output goes, or {@code null} for {@code workDirectory/keycloak.log}
     */
    static KeycloakServer process(int port, Path workDirectory, Consumer<String> output) {
        return KeycloakProcess.start(port, workDirectory, output);
    }

    static KeycloakServer container() {
        GenericContainer<?> container = new GenericContainer<>("quay.io/keycloak/keycloak:" + VERSION)
                .withCopyFileToContainer(MountableFile.forHostPath(ChorusHome.realmFile()),
                        "/opt/keycloak/data/import/chorus-realm.json")
                .withCommand("start-dev", "--import-realm")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/realms/" + REALM + "/.well-known/openid-configuration")
                        .withStartupTimeout(START_TIMEOUT));
        container.start();
        String url = "http://" + container.getHost() + ":" + container.getMappedPort(8080);
        return new KeycloakServer() {
            public String url() {
                return url;
            }

            public void close() {
                container.stop();
            }

            public String toString() {
                return "keycloak-container";
            }
        };
    }

    /** The Keycloak distribution run as a child process of this JVM. */
    final class KeycloakProcess implements KeycloakServer {

        private final ChildProcess process;
        private final String url;

        private KeycloakProcess(ChildProcess process, String url) {
            this.process = process;
            this.url = url;
        }

        static KeycloakProcess start(int port, Path workDirectory, Consumer<String> output) {
            Path home = unpack(workDirectory.toAbsolutePath());
            Consumer<String> sink = output != null ? output : new LogFile(workDirectory.resolve("keycloak.log"));
            build(home, sink);
            importRealm(home);
            // --optimized skips Quarkus' build at every start; dev-file keeps data/h2 so a second start
            // skips the first-boot schema work; the issuer is pinned whatever Host header a client sends.
            ProcessBuilder builder = kc(home, "start", "--optimized",
                    "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--hostname=http://localhost:" + port, "--http-management-port=" + Ports.free(),
                    "--cache=local", "--import-realm");
            ChildProcess child = ChildProcess.start("keycloak", builder, sink);
            KeycloakProcess keycloak = new KeycloakProcess(child, "http://localhost:" + port);
            keycloak.awaitReady();
            return keycloak;
        }

        /** The build-time options, applied once per unpacked distribution (about 30 s). */
        private static void build(Path home, Consumer<String> sink) {
            Path built = home.resolve(".built");
            if (Files.exists(built)) {
                return;
            }
            ChildProcess build = ChildProcess.start("keycloak-build",
                    kc(home, "build", "--db=dev-file", "--health-enabled=true"), sink);
            if (build.waitFor(START_TIMEOUT) != 0) {
                throw new IllegalStateException("Keycloak build failed:\n" + build.tail());
            }
            try {
                Files.createFile(built);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static ProcessBuilder kc(Path home, String... arguments) {
            List<String> command = new java.util.ArrayList<>();
            command.add(home.resolve("bin/kc.sh").toString());
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // small heap and C1 only: measured here to start faster and hold ~330 MB instead of ~600 MB
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx256m");
            builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m");
            // a master-realm admin for the local console; created once, on the first boot of a data directory
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            return builder;
        }

        private void awaitReady() {
            try {
                Readiness.await(process, URI.create(issuer() + "/.well-known/openid-configuration"), START_TIMEOUT);
            } catch (IllegalStateException e) {
                process.close();
                throw e;
            }
        }

        private static Path unpack(Path workDirectory) {
            Path home = workDirectory.resolve("keycloak-" + VERSION);
            Path done = home.resolve(".unpacked");
            if (Files.exists(done)) {
                return home;
            }
            Path zip = distribution();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    // entries start with "keycloak-<version>/"; strip it so home is predictable
                    String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                    Path target = home.resolve(name).normalize();
                    if (!target.startsWith(home) || name.isEmpty()) {
                        continue;
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        if (name.startsWith("bin/") && name.endsWith(".sh")) {
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
                Files.createFile(done);
                return home;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not unpack " + zip, e);
            }
        }

        private static Path distribution() {
            String configured = System.getProperty("chorus.keycloak.dist");
            Path zip = configured != null && !configured.isBlank()
                    ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                            "keycloak-quarkus-dist", VERSION, "keycloak-quarkus-dist-" + VERSION + ".zip");
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Keycloak distribution not found at " + zip
                        + "; build with ./mvnw so that Maven resolves org.keycloak:keycloak-quarkus-dist:zip");
            }
            return zip;
        }

        private static void importRealm(Path home) {
            try (InputStream realm = Files.newInputStream(ChorusHome.realmFile())) {
                Path target = home.resolve("data/import/chorus-realm.json");
                Files.createDirectories(target.getParent());
                Files.copy(realm, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public void close() {
            process.close();
        }

        @Override
        public String toString() {
            return "keycloak:" + process;
        }
    }
}
