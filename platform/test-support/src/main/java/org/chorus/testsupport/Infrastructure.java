package org.chorus.testsupport;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL, Kafka, Keycloak and SMTP servers for tests: one of each per JVM, started on first use and
 * stopped when the JVM exits. Testcontainers is used when a Docker engine answers; otherwise the same servers
 * run without Docker (embedded PostgreSQL binaries, an in-JVM KRaft broker, the Keycloak distribution as a
 * child process, GreenMail). Set {@code -Dchorus.infrastructure=embedded} or {@code docker} to force one path.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static Boolean docker;

    private static final Lazy<PostgresServer> POSTGRES = new Lazy<>(() -> true,
            () -> useDocker() ? PostgresServer.container() : PostgresServer.embedded(Ports.free(), null));
    // In-JVM servers end with the JVM (the Kafka test kit deletes its own files at exit). Stopping them from a
    // shutdown hook would race the Spring contexts' own hooks, whose clients still talk to them while closing.
    private static final Lazy<KafkaServer> KAFKA = new Lazy<>(Infrastructure::useDocker,
            () -> useDocker() ? KafkaServer.container() : KafkaServer.embedded());
    private static final Lazy<KeycloakServer> KEYCLOAK = new Lazy<>(() -> true,
            () -> useDocker() ? KeycloakServer.container() : KeycloakServer.process(Ports.free(), Path.of("target"), null));
    private static final Lazy<SmtpServer> SMTP = new Lazy<>(() -> false, () -> SmtpServer.start(Ports.free()));

    private Infrastructure() {
    }

    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    public static KafkaServer kafka() {
        return KAFKA.get();
    }

    public static KeycloakServer keycloak() {
        return KEYCLOAK.get();
    }

    /** GreenMail runs in the test JVM on every path: it is a real SMTP server, and tests can read what it received. */
    public static SmtpServer smtp() {
        return SMTP.get();
    }

    static synchronized boolean useDocker() {
        if (docker == null) {
            String choice = System.getProperty("chorus.infrastructure", "auto");
            docker = switch (choice) {
                case "docker" -> true;
                case "embedded" -> false;
                default -> DockerProbe.answers();
            };
            log.info("Test infrastructure: {}", docker ? "Testcontainers" : "embedded servers (no Docker engine)");
        }
        return docker;
    }

    /** Starts a server once, on first use, and stops it when the JVM exits. */
    private static final class Lazy<T extends AutoCloseable> {

        private final BooleanSupplier stopAtExit;
        private final Supplier<T> start;
        private T value;

        Lazy(BooleanSupplier stopAtExit, Supplier<T> start) {
            this.stopAtExit = stopAtExit;
            this.start = start;
        }

        synchronized T get() {
            if (value == null) {
                T started = start.get();
                if (stopAtExit.getAsBoolean()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "stop-" + started));
                }
                value = started;
            }
            return value;
        }

        private static void closeQuietly(AutoCloseable server) {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly", server, e);
            }
        }
    }
}
