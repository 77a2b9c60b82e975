package org.chorus.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service's {@code production} profile read the way deploy/compose and deploy/k8s run it, for the services'
 * {@code ProductionProfileTest}s: the variables every deployment sets, and an environment started on them with
 * nothing but the configuration classes a test names.
 */
public final class ProductionProfile {

    public static final String KAFKA_CA = "-----BEGIN CERTIFICATE-----";

    private ProductionProfile() {
    }

    /** What a Deployment of {@code service} sets (its database {@code <service>-db-rw}), then {@code more}. */
    public static List<String> deployment(String service, String... more) {
        List<String> args = new ArrayList<>(List.of("--CHORUS_ISSUER_URI=https://auth.chorus.example.org/realms/chorus",
                "--CHORUS_KEYCLOAK_URL=http://keycloak:8080", "--CHORUS_DB_HOST=" + service + "-db-rw",
                "--CHORUS_DB_USERNAME=" + service, "--CHORUS_DB_PASSWORD=from-the-secret",
                "--CHORUS_KAFKA_BOOTSTRAP_SERVERS=chorus-kafka-bootstrap:9093",
                "--CHORUS_KAFKA_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "--CHORUS_KAFKA_CA_CERT=" + KAFKA_CA));
        args.addAll(List.of(more));
        return List.copyOf(args);
    }

    /** The same arguments with one added (compose's plaintext Kafka, say). */
    public static List<String> with(List<String> args, String added) {
        List<String> all = new ArrayList<>(args);
        all.add(added);
        return all;
    }

    public static ConfigurableApplicationContext start(Class<?> configuration, List<String> args) {
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE).profiles("production")
                .run(args.toArray(String[]::new));
    }

    /** What a producer that waits for every in-sync replica, once each, over SCRAM and TLS to the bootstrap holds. */
    public static final Map<String, Object> PRODUCER_OVER_SCRAM_AND_TLS = Map.of("acks", "all",
            "enable.idempotence", "true", "bootstrap.servers", List.of("chorus-kafka-bootstrap:9093"),
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.type", "PEM",
            "ssl.truststore.certificates", KAFKA_CA);
}
