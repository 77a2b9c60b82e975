package org.chorus.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The compose overrides read as files (CI renders them with docker-compose config): production gives each service every
 * variable its application-production.yml requires; development runs the development profile and carries none of
 * production's variables, keys or placeholders (compose merges an override into docker-compose.yml and cannot take a
 * variable away, so the shared file must hold none either). The traces override points every application at its
 * receiver, which only this host reaches.
 */
class ComposeTest {

    @Test
    void productionGivesEachServiceWhatItsProductionProfileRequires() throws Exception {
        JsonNode production = read("docker-compose.production.yml");
        ProductionProfiles.required().forEach((service, required) -> {
            JsonNode environment = production.path("services").path(service).path("environment");
            assertThat(environment.path("SPRING_PROFILES_ACTIVE").asText()).as(service).isEqualTo("production");
            Set<String> set = new TreeSet<>();
            environment.fieldNames().forEachRemaining(set::add);
            assertThat(set).as(service).containsAll(required);
        });
    }

    @Test
    void developmentRunsTheDevelopmentProfileWithNothingOfProduction() throws Exception {
        JsonNode development = read("docker-compose.dev.yml");
        JsonNode shared = read("docker-compose.yml");
        for (String service : ProductionProfiles.MODULES.keySet()) {
            assertThat(development.path("services").path(service).path("environment").path("SPRING_PROFILES_ACTIVE")
                    .asText()).as(service).startsWith("development");
            assertThat(shared.path("services").path(service).has("environment")).as(service).isFalse();
        }
        JsonNode production = read("docker-compose.production.yml");
        Set<String> productionOnly = new TreeSet<>();
        production.path("services").forEach(s -> s.path("environment").fieldNames().forEachRemaining(productionOnly::add));
        Set<String> inDevelopment = new TreeSet<>();
        development.path("services").forEach(s -> s.path("environment").fieldNames().forEachRemaining(inDevelopment::add));
        shared.path("services").forEach(s -> s.path("environment").fieldNames().forEachRemaining(inDevelopment::add));
        inDevelopment.retainAll(productionOnly);
        // the database passwords and Keycloak's hostname exist in both, with development's own values
        assertThat(inDevelopment).allMatch(name -> name.endsWith("_PASSWORD") || name.startsWith("KC_")
                || name.equals("SPRING_PROFILES_ACTIVE"), "shared only by name: " + inDevelopment)
                .noneMatch(name -> name.startsWith("CHORUS_"));
        assertThat(Files.readString(ProductionProfiles.compose("docker-compose.dev.yml"))).doesNotContain("${");
    }

    @Test
    void theTracesOverrideSendsEveryApplicationsSpansToItsReceiverReachableOnlyFromThisHost() throws Exception {
        JsonNode traces = read("docker-compose.traces.yml");
        for (String service : ProductionProfiles.MODULES.keySet()) {
            assertThat(traces.path("services").path(service).path("environment")
                    .path("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT").asText()).as(service)
                    .isEqualTo("http://jaeger:4318/v1/traces");
        }
        JsonNode jaeger = traces.path("services").path("jaeger");
        assertThat(jaeger.path("image").asText()).matches("jaegertracing/jaeger:\\d+\\.\\d+\\.\\d+");
        assertThat(jaeger.path("ports")).isNotEmpty()
                .allSatisfy(port -> assertThat(port.asText()).startsWith("127.0.0.1:"));
    }

    private static JsonNode read(String file) throws Exception {
        return Overlays.YAML.readTree(Files.readString(ProductionProfiles.compose(file)));
    }
}
