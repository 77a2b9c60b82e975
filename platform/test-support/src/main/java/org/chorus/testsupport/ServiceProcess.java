package org.chorus.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Chorus service (a Spring Boot application) run as its own JVM from the test's classpath, so that a test can
 * kill it the hard way (kill -9: no shutdown hook, no graceful drain, its Kafka consumer simply vanishes) and start
 * it again on the same port, database and topics, as a crashed pod would be restarted.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    private final String name;
    private final String mainClass;
    private final int port;
    private final List<String> arguments;
    private final Path logDirectory;
    private ChildProcess process;
    private int starts;

    private ServiceProcess(String name, String mainClass, int port, List<String> arguments, Path logDirectory) {
        this.name = name;
        this.mainClass = mainClass;
        this.port = port;
        this.arguments = arguments;
        this.logDirectory = logDirectory;
    }

    /**
     * Starts the application and waits until it reports ready.
     *
     * @param arguments    Spring arguments ({@code --name=value}); the port and loopback address are added here
     * @param logDirectory its output goes to {@code <name>-<start>.log} there, one file per start
     */
    public static ServiceProcess start(String name, String mainClass, List<String> arguments, Path logDirectory) {
        ServiceProcess service = new ServiceProcess(name, mainClass, Ports.free(), List.copyOf(arguments), logDirectory);
        service.launch();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** kill -9. */
    public void kill() {
        process.kill();
    }

    /** Starts it again after {@link #kill()} (or a stop) and waits until it is ready. */
    public void restart() {
        if (isAlive()) {
            process.close();
        }
        launch();
    }

    private void launch() {
        starts++;
        List<String> command = new ArrayList<>(arguments);
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        process = ChildProcess.javaMain(name, JVM, mainClass, command,
                new LogFile(logDirectory.resolve(name + "-" + starts + ".log")));
        Readiness.await(process, URI.create(url() + "/actuator/health/readiness"), READY_TIMEOUT);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name + ":" + process;
    }
}
