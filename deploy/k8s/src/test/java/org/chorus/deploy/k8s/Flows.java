package org.chorus.deploy.k8s;

import static org.chorus.deploy.k8s.NetworkFlows.Flow.allowed;
import static org.chorus.deploy.k8s.NetworkFlows.Flow.denied;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chorus.deploy.k8s.NetworkFlows.Flow;
import org.chorus.deploy.k8s.NetworkFlows.Outside;
import org.chorus.deploy.k8s.NetworkFlows.Pod;

/**
 * The connections Chorus makes and must be able to make, and the ones it must not, on an overlay's pods: ours with
 * the labels their templates carry, the operators' with the labels the operators give them.
 */
final class Flows {

    private static final Outside INTERNET = new Outside("198.51.100.7");
    private static final Outside SMTP_RELAY = new Outside("203.0.113.25");

    private Flows() {
    }

    static List<Flow> expected(List<JsonNode> objects) {
        String ns = objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy"))
                .map(o -> o.path("metadata").path("namespace").asText("default")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no NetworkPolicy in the overlay"));
        Map<String, Pod> ours = new HashMap<>();
        objects.stream().filter(o -> List.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
                .forEach(o -> {
                    Map<String, String> labels = new HashMap<>();
                    o.path("spec").path("template").path("metadata").path("labels")
                            .fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    String name = o.path("metadata").path("name").asText();
                    ours.put(name, new Pod(name, ns, labels));
                });
        Pod gateway = ours.get("gateway");
        Pod stories = ours.get("stories");
        Pod resources = ours.get("resources");
        Pod notifications = ours.get("notifications");
        Pod redis = ours.get("redis");
        Pod storiesDb = new Pod("stories-db", ns, Map.of("cnpg.io/cluster", "stories-db"));
        Pod resourcesDb = new Pod("resources-db", ns, Map.of("cnpg.io/cluster", "resources-db"));
        Pod notificationsDb = new Pod("notifications-db", ns, Map.of("cnpg.io/cluster", "notifications-db"));
        Pod keycloakDb = new Pod("keycloak-db", ns, Map.of("cnpg.io/cluster", "keycloak-db"));
        Pod kafka = new Pod("kafka", ns, Map.of("strimzi.io/cluster", "chorus", "strimzi.io/kind", "Kafka"));
        Pod entityOperator = new Pod("entity-operator", ns, Map.of("strimzi.io/cluster", "chorus",
                "strimzi.io/kind", "Kafka", "strimzi.io/name", "chorus-entity-operator"));
        Pod keycloak = new Pod("keycloak", ns, Map.of("app", "keycloak", "app.kubernetes.io/instance", "keycloak"));
        Pod ingress = new Pod("ingress-nginx", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod dns = new Pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"));
        Pod cnpgOperator = new Pod("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        Pod strimziOperator = new Pod("strimzi-operator", "strimzi", Map.of("name", "strimzi-cluster-operator"));
        Pod elsewhere = new Pod("another-app", "another-namespace", Map.of("app", "another"));

        List<Flow> flows = new ArrayList<>();
        for (Pod pod : List.of(gateway, stories, resources, notifications, redis, storiesDb, kafka, keycloak)) {
            flows.add(new Flow(pod, dns, 53, "UDP", true));
        }
        // the public way in: the ingress to the gateway and to Keycloak's sign-in pages, nothing else
        flows.add(allowed(ingress, gateway, 8080));
        flows.add(allowed(ingress, keycloak, 8080));
        flows.add(denied(ingress, gateway, 9090));
        flows.add(denied(ingress, stories, 8081));
        flows.add(denied(INTERNET, gateway, 8080));
        flows.add(denied(elsewhere, gateway, 8080));
        // the gateway: the services on their HTTP ports, never their management port; Redis; Keycloak
        flows.add(allowed(gateway, stories, 8081));
        flows.add(allowed(gateway, resources, 8082));
        flows.add(allowed(gateway, notifications, 8083));
        flows.add(allowed(gateway, redis, 6379));
        flows.add(allowed(gateway, keycloak, 8080));
        flows.add(denied(gateway, stories, 9090));
        flows.add(denied(gateway, kafka, 9093));
        flows.add(denied(gateway, storiesDb, 5432));
        flows.add(denied(gateway, INTERNET, 443));
        // each service: its own database, Kafka's TLS listener, Keycloak; notifications also the SMTP relay
        for (Pod[] pair : new Pod[][] {{stories, storiesDb}, {resources, resourcesDb}, {notifications, notificationsDb}}) {
            flows.add(allowed(pair[0], pair[1], 5432));
            flows.add(allowed(pair[0], kafka, 9093));
            flows.add(denied(pair[0], kafka, 9092));
            flows.add(allowed(pair[0], keycloak, 8080));
            flows.add(denied(pair[0], INTERNET, 443));
            flows.add(denied(pair[0], redis, 6379));
        }
        flows.add(denied(stories, notificationsDb, 5432));
        flows.add(denied(notifications, storiesDb, 5432));
        flows.add(denied(resources, keycloakDb, 5432));
        flows.add(denied(resources, stories, 8081));
        flows.add(denied(stories, notifications, 8083));
        flows.add(allowed(notifications, SMTP_RELAY, 587));
        flows.add(denied(stories, SMTP_RELAY, 587));
        flows.add(denied(resources, SMTP_RELAY, 587));
        flows.add(denied(redis, INTERNET, 443));
        flows.add(denied(elsewhere, redis, 6379));
        // the databases: replication among their own instances, the operator, backups and the API server outside
        flows.add(allowed(storiesDb, storiesDb, 5432));
        flows.add(allowed(cnpgOperator, storiesDb, 8000));
        flows.add(allowed(storiesDb, INTERNET, 443));
        flows.add(allowed(keycloak, keycloakDb, 5432));
        flows.add(denied(keycloak, storiesDb, 5432));
        flows.add(denied(elsewhere, storiesDb, 5432));
        // Kafka: its own nodes and the Strimzi operator; the entity operator reaches the API server
        flows.add(allowed(kafka, kafka, 9091));
        flows.add(allowed(strimziOperator, kafka, 9091));
        flows.add(allowed(entityOperator, INTERNET, 6443));
        flows.add(denied(elsewhere, kafka, 9093));
        // Keycloak: its cache peers, its mail
        flows.add(allowed(keycloak, keycloak, 7800));
        flows.add(allowed(keycloak, SMTP_RELAY, 587));
        flows.add(denied(keycloak, INTERNET, 80));
        // with the observability component: Prometheus scrapes the management ports, the applications send their
        // traces to the OTLP receiver, both in the monitoring namespace, and nothing else opens
        if (objects.stream().anyMatch(o -> o.path("kind").asText().equals("PodMonitor"))) {
            Pod prometheus = new Pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
            Pod collector = new Pod("otel-collector", "monitoring",
                    Map.of("app.kubernetes.io/name", "opentelemetry-collector"));
            for (Pod pod : List.of(gateway, stories, resources, notifications)) {
                flows.add(allowed(prometheus, pod, 9090));
                flows.add(allowed(pod, collector, 4318));
                flows.add(denied(pod, collector, 4317));
                flows.add(denied(elsewhere, pod, 9090));
            }
            flows.add(denied(prometheus, stories, 8081));
            flows.add(denied(redis, collector, 4318));
            flows.add(denied(stories, INTERNET, 4318));
        }
        return flows;
    }
}
