package org.chorus.testsupport;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * CPU time for the benchmarks. Unlike requests per second it hardly depends on what else the machine runs, so CPU
 * per request compares runs taken on a shared machine.
 */
public final class CpuTime {

    private CpuTime() {
    }

    /** This JVM: the service under test, and whatever else the test runs in it (an embedded Kafka broker). */
    public static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The test's PostgreSQL server (the postmaster listening on its port) and every process under it, pooled
     * backends included. Zero when the server is not a local process (a container).
     */
    public static long postgresNanos() {
        return postgresNanos(Infrastructure.postgres().port());
    }

    /** The PostgreSQL server listening on {@code port} (its postmaster and every process under it). */
    public static long postgresNanos(int port) {
        String portArgument = String.valueOf(port);
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false)
                        && process.info().arguments().map(arguments -> Arrays.asList(arguments).contains(portArgument))
                        .orElse(false))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** These processes, each on its own (not what they started). */
    public static long processNanos(ProcessHandle... processes) {
        return Stream.of(processes)
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** A process and every process under it, as nginx's master and its workers. */
    public static long treeNanos(ProcessHandle process) {
        return processNanos(Stream.concat(Stream.of(process), process.descendants()).toArray(ProcessHandle[]::new));
    }
}
