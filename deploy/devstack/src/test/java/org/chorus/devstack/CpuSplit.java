package org.chorus.devstack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chorus.testsupport.CpuTime;

/**
 * Where a benchmark's CPU went, by part of the platform: on a two-core machine running the load generator, the four
 * JVMs, Kafka, Keycloak and PostgreSQL together, a throughput figure means little without it. Parts are told apart by
 * their command lines; PostgreSQL is the postmaster on the devstack's port and every backend under it.
 */
final class CpuSplit {

    private static final List<String> PARTS = List.of("gateway", "stories-service", "notifications-service",
            "resources-service", "kafka", "keycloak", "postgresql", "load generator (this JVM)", "other children");

    private CpuSplit() {
    }

    /** CPU nanoseconds used so far by each part. */
    static Map<String, Long> sample(int postgresPort) {
        Map<String, Long> nanos = new LinkedHashMap<>();
        PARTS.forEach(part -> nanos.put(part, 0L));
        // the devstack's PostgreSQL is counted below by its port, as it may not be this JVM's child
        ProcessHandle.current().descendants()
                .filter(process -> !process.info().command().orElse("").endsWith("/postgres"))
                .forEach(process -> nanos.merge(part(process), CpuTime.processNanos(process), Long::sum));
        nanos.merge("load generator (this JVM)", CpuTime.jvmNanos(), Long::sum);
        nanos.merge("postgresql", CpuTime.postgresNanos(postgresPort), Long::sum);
        return nanos;
    }

    /** Each part's share of the CPU used between two samples, in cores (2.0 is both cores of this machine). */
    static Map<String, Double> cores(Map<String, Long> before, Map<String, Long> after, Duration elapsed) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((part, nanos) -> cores.put(part,
                (nanos - before.getOrDefault(part, 0L)) / (double) elapsed.toNanos()));
        return cores;
    }

    private static String part(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        for (String service : List.of("gateway", "stories-service", "notifications-service", "resources-service")) {
            if (command.contains("/" + service + "/target/")) {
                return service;
            }
        }
        if (command.contains("kafka.Kafka") || command.contains("kafka_2.")) {
            return "kafka";
        }
        if (command.contains("keycloak")) {
            return "keycloak";
        }
        return "other children";
    }

}
