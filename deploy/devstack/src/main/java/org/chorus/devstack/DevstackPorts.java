package org.chorus.devstack;

import org.chorus.testsupport.Ports;

/**
 * Where each part of the platform listens. Kafka node {@code n} (1-based) listens on {@code kafka + n - 1} for clients
 * and {@code kafkaController + n - 1} for its KRaft quorum.
 */
public record DevstackPorts(int gateway, int stories, int resources, int notifications, int keycloak,
                            int postgres, int smtp, int mailViewer, int kafka, int kafkaController) {

    /** The ports DESIGN.md gives; PostgreSQL on its own port so it never meets a machine's 5432. */
    public static DevstackPorts standard() {
        return new DevstackPorts(8080, 8081, 8082, 8083, 8180, 15432, 3025, 8025, 9092, 19092);
    }

    /** Free ports, so a test run never collides with a devstack someone left running (one Kafka node). */
    public static DevstackPorts free() {
        return new DevstackPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), Ports.free());
    }
}
