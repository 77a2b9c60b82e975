package org.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as deploy/compose and deploy/k8s run it (application-production.yml): the issuer comes from the
 * deployment or nothing starts, health answers on the management port and never on the port the public reaches, and
 * every line it logs is JSON through its own logback-spring.xml. Starts the gateway alone (no Keycloak, no services).
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void withoutTheIssuerTheGatewayRefusesToStartNamingTheVariable() {
        assertThatThrownBy(() -> start(false)).rootCause().hasMessageContaining("CHORUS_ISSUER_URI");
    }

    @Test
    void healthIsOnTheManagementPortOnlyAndTheLogIsJson(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext gateway = start(true)) {
            var environment = gateway.getEnvironment();
            int publicPort = environment.getRequiredProperty("local.server.port", Integer.class);
            int managementPort = environment.getRequiredProperty("local.management.port", Integer.class);
            assertThat(managementPort).isNotEqualTo(publicPort);
            assertThat(environment.getPropertySources().stream()
                    .filter(source -> source.getName().contains("application-production.yml"))
                    .map(source -> source.getProperty("management.server.port")).findFirst())
                    .as("the port application-production.yml gives, here replaced by a free one")
                    .hasValueSatisfying(port -> assertThat(port.toString()).isEqualTo("9090"));

            assertThat(get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get(publicPort, "/actuator/health").statusCode()).isEqualTo(404);
            assertThat(get(publicPort, "/actuator/health/readiness").statusCode()).isEqualTo(404);
        }
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().lines().filter(l -> !l.isBlank()).toList()) {
            assertThat(line).as("every line is one JSON object").startsWith("{").endsWith("}");
            lines.add(json.readTree(line));
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("ecs").path("version").asString()).isNotEmpty();
            assertThat(line.path("service").path("name").asString()).isEqualTo("gateway");
            assertThat(line.path("message").asString()).contains("profile is active: \"production\"");
        });
        // the access log, written through its own asynchronous appender, is JSON too
        assertThat(lines).anySatisfy(line -> assertThat(line.path("log").path("logger").asString())
                .isEqualTo("org.chorus.gateway.access"));
    }

    private static HttpResponse<Void> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static ConfigurableApplicationContext start(boolean withIssuer) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                // Redis and its sealed sessions are covered by StaffSignInRedisIT; here the gateway needs none
                "--chorus.redis.enabled=false", "--chorus.edge.warm-up.requests=0",
                "--CHORUS_KEYCLOAK_URL=http://127.0.0.1:9", "--chorus.sign-in.client-secret=a-real-secret-from-the-store",
                "--chorus.rate-limit.secret=a-real-rate-limit-secret"));
        if (withIssuer) {
            args.add("--CHORUS_ISSUER_URI=https://auth.chorus.example.org/realms/chorus");
        }
        return new SpringApplicationBuilder(GatewayApplication.class).profiles("production")
                .run(args.toArray(String[]::new));
    }
}
