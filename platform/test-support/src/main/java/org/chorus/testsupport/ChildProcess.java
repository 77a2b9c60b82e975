package org.chorus.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A server started as a child process whose output goes line by line to a sink. Closing it stops the whole
 * process tree (a launcher script's children too) so that nothing of ours outlives the run.
 */
public final class ChildProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    public static ChildProcess start(String name, ProcessBuilder builder, Consumer<String> output) {
        builder.redirectErrorStream(true);
        try {
            ChildProcess child = new ChildProcess(name, builder.start());
            Thread pump = new Thread(() -> child.pump(output), name + "-output");
            pump.setDaemon(true);
            pump.start();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + builder.command(), e);
        }
    }

    public static ChildProcess java(String name, List<String> arguments, Consumer<String> output) {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new java.util.ArrayList<String>();
        command.add(java);
        command.addAll(arguments);
        return start(name, new ProcessBuilder(command), output);
    }

    /**
     * A JVM running {@code mainClass} from this JVM's own classpath, whether that is a plain list of jars (a test run)
     * or one Spring Boot executable jar (the devstack), whose nested jars Boot's PropertiesLauncher opens.
     */
    public static ChildProcess javaMain(String name, List<String> jvmOptions, String mainClass, List<String> arguments,
                                        Consumer<String> output) {
        String classpath = System.getProperty("java.class.path");
        var command = new java.util.ArrayList<>(jvmOptions);
        if (classpath.length() < 100_000) {
            command.add("-cp");
            command.add(classpath);
        } else {
            command.add("@" + argumentFile(classpath));
        }
        if (isBootJar(classpath)) {
            command.add("-Dloader.main=" + mainClass);
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(mainClass);
        }
        command.addAll(arguments);
        return java(name, command, output);
    }

    /** Linux refuses a single argument over 128 KiB (an IDE's classpath can be): the JVM reads it from a file. */
    private static String argumentFile(String classpath) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("chorus-classpath", ".txt");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, "-cp \"" + classpath.replace("\\", "\\\\") + "\"");
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBootJar(String classpath) {
        if (classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (var jar = new java.util.jar.JarFile(classpath)) {
            return jar.getEntry("BOOT-INF/lib/") != null || jar.stream().anyMatch(e -> e.getName().startsWith("BOOT-INF/lib/"));
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself; its exit code, or -1 if it was still running and got stopped. */
    public int waitFor(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return -1;
    }

    /** The last lines the process printed, to explain a failed start. */
    public synchronized String tail() {
        return String.join(System.lineSeparator(), tail);
    }

    private void pump(Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                remember(line);
                output.accept(line);
            }
        } catch (IOException e) {
            // the process ended and took its pipe with it
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** Asks politely (SIGTERM), waits, then kills whatever of the tree is left. */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM to the process and what it started, without waiting: several can then stop side by side. */
    public void signalStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** kill -9 of the process and everything it started: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }
}
