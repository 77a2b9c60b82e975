package org.chorus.deploy.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads each object into the typed model of its kind with unknown fields as errors. fabric8's and Strimzi's classes
 * keep unknown fields in an any-setter map; the introspector below ignores those, so an unknown field fails the read.
 * CloudNativePG, Keycloak and the Prometheus Operator publish no Java model on Maven Central: their objects are checked
 * against the schema subset in src/test/resources/schemas (only the fields the manifests use, additionalProperties
 * false).
 */
final class StrictModels {

    private static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class));

    private static final Map<String, String> SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster.json",
            "postgresql.cnpg.io/v1/ScheduledBackup", "cnpg-scheduledbackup.json",
            "k8s.keycloak.org/v2alpha1/Keycloak", "keycloak.json",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "keycloakrealmimport.json",
            "monitoring.coreos.com/v1/PodMonitor", "prometheus-podmonitor.json",
            "monitoring.coreos.com/v1/PrometheusRule", "prometheus-prometheusrule.json");

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value findPropertyIgnoralByName(
                        com.fasterxml.jackson.databind.cfg.MapperConfig<?> config, Annotated a) {
                    var v = super.findPropertyIgnoralByName(config, a);
                    return v.withoutIgnoreUnknown();
                }
            });

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private StrictModels() {
    }

    /** Problems found in one object; empty when it reads cleanly. */
    static List<String> check(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> type = TYPED.get(key);
        if (type != null) {
            try {
                STRICT.treeToValue(object, type);
                return List.of();
            } catch (IOException | IllegalArgumentException e) {
                return List.of(Overlays.id(object) + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        String schema = SCHEMAS.get(key);
        if (schema == null) {
            return List.of(Overlays.id(object) + ": no model or schema for " + key);
        }
        List<String> problems = new ArrayList<>();
        schema(schema).validate(object).forEach(e -> problems.add(Overlays.id(object) + ": " + e));
        return problems;
    }

    private static Schema schema(String file) {
        try (InputStream in = StrictModels.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + file);
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
