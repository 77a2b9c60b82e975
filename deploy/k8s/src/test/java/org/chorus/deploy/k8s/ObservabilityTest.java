package org.chorus.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/observability as an operator installs it: promtool accepts the alert rules and the compose scrape
 * configuration, the kustomize component's PrometheusRule is the same rules, the component renders on the base with
 * a PodMonitor on the management port, and every dashboard is JSON whose queries read series the platform exports.
 */
class ObservabilityTest {

    private static final Path OBSERVABILITY = Overlays.K8S.resolveSibling("observability");
    private static final Path ALERTS = OBSERVABILITY.resolve("prometheus/alerts.yml");
    private static final String PROMTOOL = System.getProperty("chorus.promtool", "/usr/bin/promtool");

    @Test
    void promtoolAcceptsTheRulesAndTheScrapeConfiguration() throws Exception {
        requirePromtool();
        assertThat(run(List.of(PROMTOOL, "check", "rules", ALERTS.toString()))).contains("SUCCESS: 9 rules found");
        // the compose configuration names the rules where the container mounts them
        Path copy = Files.createTempDirectory("prometheus-config");
        Files.copy(ALERTS, copy.resolve("alerts.yml"));
        Files.writeString(copy.resolve("prometheus.yml"), Files.readString(
                OBSERVABILITY.resolve("prometheus/prometheus.yml")).replace("/etc/prometheus/alerts.yml", "alerts.yml"));
        assertThat(run(List.of(PROMTOOL, "check", "config", copy.resolve("prometheus.yml").toString())))
                .contains("is valid prometheus config file syntax");
    }

    @Test
    void theComponentsPrometheusRuleHoldsTheSameRules() throws IOException {
        JsonNode rule = Overlays.parse(Files.readString(
                Overlays.K8S.resolve("components/observability/prometheus-rule.yaml"))).get(0);
        JsonNode alerts = Overlays.parse(Files.readString(ALERTS)).get(0);
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.path("spec")).isEqualTo(alerts);
    }

    @Test
    void theComponentRendersOnTheBaseAndScrapesOnlyTheManagementPort() throws Exception {
        Assumptions.assumeTrue(Overlays.kubectlPresent() || requiredButMissing(), "kubectl is not on the PATH");
        Path overlay = Overlays.K8S.resolve("target/observability-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: chorus
                resources: [../../base]
                components: [../../components/observability]
                """);
        List<JsonNode> objects = Overlays.parse(run(List.of("kubectl", "kustomize", overlay.toString())));
        JsonNode monitor = objects.stream().filter(o -> o.path("kind").asText().equals("PodMonitor"))
                .findFirst().orElseThrow();
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("management");
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
        // every Chorus deployment names the port the monitor scrapes, and no Service exposes it
        for (JsonNode deployment : objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).toList()) {
            assertThat(deployment.at("/spec/template/spec/containers/0/ports").toString())
                    .contains("\"name\":\"management\"", "\"containerPort\":9090");
        }
        for (JsonNode service : objects.stream().filter(o -> o.path("kind").asText().equals("Service")).toList()) {
            assertThat(service.at("/spec/ports").toString()).doesNotContain("9090").doesNotContain("management");
        }
    }

    @Test
    void productionIsScrapedAlertedAndTracesATenthOfRequestsToTheReceiver() throws Exception {
        Assumptions.assumeTrue(Overlays.kubectlPresent() || requiredButMissing(), "kubectl is not on the PATH");
        List<JsonNode> objects = Overlays.render("prod");
        assertThat(objects).extracting(Overlays::id).contains("PodMonitor/chorus", "PrometheusRule/chorus",
                "NetworkPolicy/chorus-metrics-from-monitoring", "NetworkPolicy/chorus-traces-to-monitoring");
        JsonNode settings = objects.stream().filter(o -> Overlays.id(o).equals("ConfigMap/chorus-observability"))
                .findFirst().orElseThrow().path("data");
        assertThat(settings.path("sampling-probability").asText()).isEqualTo("0.1");
        assertThat(settings.path("otlp-traces-endpoint").asText()).startsWith("http").endsWith("/v1/traces");
        List<JsonNode> applications = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                && List.of("gateway", "stories", "resources", "notifications")
                        .contains(o.path("metadata").path("name").asText())).toList();
        assertThat(applications).hasSize(4);
        for (JsonNode deployment : applications) {
            String env = deployment.at("/spec/template/spec/containers/0/env").toString();
            assertThat(env).as(Overlays.id(deployment)).contains(
                    "\"name\":\"MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT\"",
                    "\"name\":\"MANAGEMENT_TRACING_SAMPLING_PROBABILITY\"", "\"name\":\"chorus-observability\"");
        }
    }

    @Test
    void everyDashboardIsJsonAndReadsOnlyExportedSeries() throws IOException {
        List<String> prefixes = List.of("http_server_requests_seconds", "http_client_requests_seconds", "chorus_",
                "kafka_consumer_", "r2dbc_pool_", "jvm_", "process_", "resilience4j_circuitbreaker_");
        List<Path> dashboards = new ArrayList<>();
        try (var files = Files.list(OBSERVABILITY.resolve("grafana"))) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(dashboards::add);
        }
        assertThat(dashboards).hasSize(3);
        for (Path dashboard : dashboards) {
            JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
            assertThat(json.path("uid").asText()).startsWith("chorus-");
            for (JsonNode panel : json.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    assertThat(prefixes).as(dashboard.getFileName() + ": " + expr).anyMatch(expr::contains);
                }
            }
        }
    }

    private static boolean requiredButMissing() {
        if ("true".equals(System.getenv("CHORUS_REQUIRE_ALL"))) {
            fail("CHORUS_REQUIRE_ALL=true but kubectl (with kustomize) is not on the PATH");
        }
        return false;
    }

    private static void requirePromtool() {
        if (new File(PROMTOOL).canExecute()) {
            return;
        }
        if ("true".equals(System.getenv("CHORUS_REQUIRE_ALL"))) {
            fail("CHORUS_REQUIRE_ALL=true but promtool (Debian's prometheus package) is not installed");
        }
        Assumptions.abort("promtool (Debian's prometheus package) is not installed; skipped here, required on CI");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
