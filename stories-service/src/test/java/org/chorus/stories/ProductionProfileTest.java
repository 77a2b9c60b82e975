package org.chorus.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.chorus.testsupport.ProductionProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What the production profile (application-production.yml, as deploy/compose and deploy/k8s run it) hands the Kafka
 * clients and the pool, read through Boot's own properties with only this service's configuration files: nothing but
 * the environment is started. The whole service under this profile was started by hand against PostgreSQL (deploy
 * README, "Validation").
 */
class ProductionProfileTest {

    private static final List<String> DEPLOYMENT = ProductionProfile.deployment("stories");

    @Test
    void producersWaitForEveryInSyncReplicaOnceEachOverScramAndTls() {
        try (ConfigurableApplicationContext context = start(DEPLOYMENT)) {
            assertThat(context.getBean(KafkaProperties.class).buildProducerProperties())
                    .containsAllEntriesOf(ProductionProfile.PRODUCER_OVER_SCRAM_AND_TLS);
            assertThat(context.getBean(KafkaProperties.class).getAdmin().isAutoCreate()).isFalse();

            R2dbcProperties database = context.getBean(R2dbcProperties.class);
            assertThat(database.getUrl()).isEqualTo("r2dbc:postgresql://stories-db-rw:5432/chorus_stories");
            assertThat(database.getPool().getMaxSize()).isEqualTo(10);

            var environment = context.getEnvironment();
            assertThat(environment.getProperty("management.server.port")).isEqualTo("9090");
            assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
            assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                    .isEqualTo("http://keycloak:8080/realms/chorus/protocol/openid-connect/certs");
            assertThat(environment.getProperty("chorus.stories.encryption.active-key-id")).isNull();
        }
    }

    @Test
    void compose_sOneBrokerIsPlaintext() {
        try (ConfigurableApplicationContext context = start(
                ProductionProfile.with(DEPLOYMENT, "--CHORUS_KAFKA_SECURITY_PROTOCOL=PLAINTEXT"))) {
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
        return ProductionProfile.start(Properties.class, args);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaProperties.class, R2dbcProperties.class})
    static class Properties {
    }
}
