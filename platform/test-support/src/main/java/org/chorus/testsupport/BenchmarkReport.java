package org.chorus.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark suite's results ({@code deploy/devstack/bench/suite.sh}): each benchmark, in whichever module it
 * runs, adds its scenario, and the whole report ({@code results.json} and {@code results.md} in
 * {@code -Dchorus.benchmark.results}, by default the module's {@code target/bench/results}) is written again from
 * every scenario there so far, so a suite stopped half-way still leaves what it measured. Figures carry their goal
 * where the issue names one; ratios are taken within one run, since these machines are too noisy to compare across
 * runs.
 */
public final class BenchmarkReport {

    static final Path DIRECTORY = Path.of(System.getProperty("chorus.benchmark.results", "target/bench/results"));
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One measured value; {@code goal} is like {@code ">= 0.85"} or null, {@code met} whether the value meets it. */
    public record Figure(String name, double value, String unit, String goal, Boolean met) {

        public static Figure of(String name, double value, String unit) {
            return new Figure(name, value, unit, null, null);
        }

        public static Figure atLeast(String name, double value, String unit, double bound) {
            return new Figure(name, value, unit, ">= " + bound, value >= bound);
        }

        public static Figure atMost(String name, double value, String unit, double bound) {
            return new Figure(name, value, unit, "<= " + bound, value <= bound);
        }
    }

    /** One scenario's figures, with the commit they were measured at (a report can gather runs of several). */
    public record Scenario(String scenario, String measuredAt, String commit, String loadAverage, List<Figure> figures,
                    List<String> notes) {
    }

    private BenchmarkReport() {
    }

    /** Adds (or replaces) a scenario's figures and writes the whole report again. */
    public static void add(String scenario, List<Figure> figures, List<String> notes) {
        try {
            Files.createDirectories(DIRECTORY);
            Scenario measured = new Scenario(scenario, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    commit(), loadAverage(), figures, notes);
            Files.writeString(DIRECTORY.resolve("scenario-" + scenario + ".json"), JSON.writeValueAsString(measured));
            List<Scenario> scenarios = new ArrayList<>();
            try (Stream<Path> files = Files.list(DIRECTORY)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("scenario-")).sorted()
                        .toList()) {
                    scenarios.add(JSON.readValue(file.toFile(), Scenario.class));
                }
            }
            Map<String, String> machine = machine();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("machine", machine);
            report.put("scenarios", scenarios);
            Files.writeString(DIRECTORY.resolve("results.json"), JSON.writeValueAsString(report));
            Files.writeString(DIRECTORY.resolve("results.md"), markdown(machine, scenarios));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(Map<String, String> machine, List<Scenario> scenarios) {
        StringBuilder md = new StringBuilder("# Chorus benchmark results\n\n");
        machine.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        for (Scenario scenario : scenarios) {
            md.append("\n## ").append(scenario.scenario()).append("\n\nMeasured ").append(scenario.measuredAt())
                    .append(scenario.commit() == null ? "" : " at commit " + scenario.commit())
                    .append(", load average ").append(scenario.loadAverage()).append(".\n\n")
                    .append("| figure | value | unit | goal | met |\n|---|---:|---|---|---|\n");
            for (Figure figure : scenario.figures()) {
                md.append("| ").append(figure.name()).append(" | ").append(format(figure.value())).append(" | ")
                        .append(figure.unit()).append(" | ").append(figure.goal() == null ? "" : figure.goal())
                        .append(" | ").append(figure.met() == null ? "" : figure.met() ? "yes" : "**no**")
                        .append(" |\n");
            }
            if (!scenario.notes().isEmpty()) {
                md.append('\n');
                scenario.notes().forEach(note -> md.append("- ").append(note).append('\n'));
            }
        }
        return md.toString();
    }

    private static String format(double value) {
        return Math.abs(value) >= 100 || value == Math.rint(value) ? "%.0f".formatted(value) : "%.3f".formatted(value);
    }

    /** What the figures depend on besides the code: the cores, the processor, the memory and the JVM. */
    static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("processor", firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)"));
        machine.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+ kB)"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstMatch(Path file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(file));
            return matcher.find() ? matcher.group(1).strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
