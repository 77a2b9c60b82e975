package org.chorus.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} as a child process, scraping the given targets' {@code /actuator/prometheus} and
 * loading alert rules, so a test asserts what an operator's Prometheus would see. Without the binary a test is
 * reported as skipped, saying why; under {@code CHORUS_REQUIRE_ALL=true} (CI, whose .ci/run installs it) it fails.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String BINARY = System.getProperty("chorus.prometheus", "/usr/bin/prometheus");
    public static final String PROMTOOL = System.getProperty("chorus.promtool", "/usr/bin/promtool");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern FIRST_VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

    private final ChildProcess process;
    private final int port;

    private PrometheusServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test when {@code binary} is missing, unless every test is required to run. */
    public static void requireInstalled(String binary) {
        if (new File(binary).canExecute()) {
            return;
        }
        String reason = "This test needs Debian's prometheus package (" + binary + ") and it is not installed";
        if (!"true".equals(System.getenv("CHORUS_REQUIRE_ALL"))) {
            Assumptions.abort(reason + "; skipped here, required on CI");
        }
        throw new AssertionError(reason + ": apt-get install -y prometheus (.ci/run does)");
    }

    /**
     * @param targets        {@code host:port} of management ports serving {@code /actuator/prometheus}
     * @param ruleFiles      alert rule files to load (deploy/observability's)
     * @param scrapeInterval how often to scrape (a test wants about a second)
     */
    public static PrometheusServer start(Path directory, List<String> targets, List<Path> ruleFiles,
                                         Duration scrapeInterval, Consumer<String> output) {
        requireInstalled(BINARY);
        return start(Ports.free(), directory, targets, ruleFiles, scrapeInterval, output);
    }

    /** On a given port, when the binary is installed (the caller checks: the devstack runs without it). */
    public static PrometheusServer start(int port, Path directory, List<String> targets, List<Path> ruleFiles,
                                         Duration scrapeInterval, Consumer<String> output) {
        try {
            Files.createDirectories(directory);
            Path config = directory.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: %1$ds
                      evaluation_interval: %1$ds
                    rule_files: [%2$s]
                    scrape_configs:
                      - job_name: chorus
                        metrics_path: /actuator/prometheus
                        static_configs:
                          - targets: [%3$s]
                    """.formatted(Math.max(1, scrapeInterval.toSeconds()),
                    ruleFiles.stream().map(p -> "'" + p.toAbsolutePath() + "'").collect(Collectors.joining(", ")),
                    targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))));
            ProcessBuilder builder = new ProcessBuilder(BINARY, "--config.file=" + config,
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port);
            PrometheusServer server = new PrometheusServer(ChildProcess.start("prometheus", builder, output), port);
            Readiness.await(server.process, URI.create(server.url() + "/-/ready"), Duration.ofMinutes(1));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The answer of {@code /api/v1/query} (JSON) for an instant query. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The first sample's value of an instant query; NaN when the query selects nothing. */
    public double value(String promql) {
        Matcher first = FIRST_VALUE.matcher(query(promql));
        return first.find() ? Double.parseDouble(first.group(1)) : Double.NaN;
    }

    /** Every series' labels Prometheus holds (JSON of {@code /api/v1/series}) for a selector. */
    public String series(String selector) {
        return get("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    }

    /** The loaded alert rules and their state (JSON of {@code /api/v1/rules}). */
    public String rules() {
        return get("/api/v1/rules");
    }

    /** The scrape targets and their health (JSON of {@code /api/v1/targets}). */
    public String targets() {
        return get("/api/v1/targets");
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + " to " + path
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
