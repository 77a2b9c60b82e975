package org.chorus.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What the production profile (application-production.yml, as deploy/compose and deploy/k8s run it) hands the Kafka
 * clients and the pool, read through Boot's own properties with only this service's configuration files: nothing but
 * the environment is started.
 */
class ProductionProfileTest {

    private static final List<String> DEPLOYMENT = List.of("--CHORUS_ISSUER_URI=https://auth.chorus.example.org/realms/chorus",
            "--CHORUS_KEYCLOAK_URL=http://keycloak:8080", "--CHORUS_DB_HOST=resources-db-rw",
            "--CHORUS_DB_USERNAME=resources", "--CHORUS_DB_PASSWORD=from-the-secret",
            "--CHORUS_KAFKA_BOOTSTRAP_SERVERS=chorus-kafka-bootstrap:9093",
            "--CHORUS_KAFKA_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "--CHORUS_KAFKA_CA_CERT=-----BEGIN CERTIFICATE-----");

    @Test
    void producersWaitForEveryInSyncReplicaOnceEachOverScramAndTls() {
        try (ConfigurableApplicationContext context = start(DEPLOYMENT)) {
            var producer = context.getBean(KafkaProperties.class).buildProducerProperties();
            assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                    .containsEntry("bootstrap.servers", List.of("chorus-kafka-bootstrap:9093"))
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.type", "PEM")
                    .containsEntry("ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----");
            assertThat(context.getBean(KafkaProperties.class).getAdmin().isAutoCreate()).isFalse();

            R2dbcProperties database = context.getBean(R2dbcProperties.class);
            assertThat(database.getUrl()).isEqualTo("r2dbc:postgresql://resources-db-rw:5432/chorus_resources");
            assertThat(database.getPool().getMaxSize()).isEqualTo(20);

            var environment = context.getEnvironment();
            assertThat(environment.getProperty("management.server.port")).isEqualTo("9090");
            assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
            assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                    .isEqualTo("http://keycloak:8080/realms/chorus/protocol/openid-connect/certs");
        }
    }

    @Test
    void compose_sOneBrokerIsPlaintext() {
        List<String> compose = new ArrayList<>(DEPLOYMENT);
        compose.add("--CHORUS_KAFKA_SECURITY_PROTOCOL=PLAINTEXT");
        try (ConfigurableApplicationContext context = start(compose)) {
            assertThat(context.getBean(KafkaProperties.class).buildProducerProperties())
                    .containsEntry("security.protocol", "PLAINTEXT").containsEntry("acks", "all");
        }
    }

    /**
     * Boot's binder leaves an unresolvable placeholder as it is; the service's start fails where the R2DBC
     * auto-configuration reads the URL through the environment, which refuses it naming the variable (as this does).
     */
    @Test
    void withoutItsDatabaseTheAddressCannotBeReadAndTheVariableIsNamed() {
        try (ConfigurableApplicationContext context = start(DEPLOYMENT.stream()
                .filter(a -> !a.startsWith("--CHORUS_DB_HOST")).toList())) {
            assertThatThrownBy(() -> context.getEnvironment().getProperty("spring.r2dbc.url"))
                    .hasMessageContaining("CHORUS_DB_HOST");
        }
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(Properties.class).web(WebApplicationType.NONE).profiles("production")
                .run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaProperties.class, R2dbcProperties.class})
    static class Properties {
    }
}
