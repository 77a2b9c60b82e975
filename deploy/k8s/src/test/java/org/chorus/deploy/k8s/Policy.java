package org.chorus.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The rules every rendered overlay keeps; each method returns the violations it found, empty when none. */
final class Policy {

    /**
     * Secrets and ConfigMaps the manifests reference but do not contain: made by an operator, or created by whoever
     * runs Chorus before applying an overlay (deploy/README.md lists them with their keys).
     */
    static final Set<String> OPERATOR_MADE = Set.of(
            // CloudNativePG: <cluster>-app holds the owner's username and password
            "stories-db-app", "resources-db-app", "notifications-db-app", "keycloak-db-app");
    static final Set<String> OPERATOR_PROVIDED = Set.of(
            "chorus-keycloak-clients", "chorus-gateway", "chorus-smtp", "chorus-stories-keys",
            "chorus-notifications-keys", "chorus-realm-settings", "chorus-backup-s3", "chorus-tls");

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    private static final Set<String> REF_OBJECTS = Set.of("secretKeyRef", "configMapKeyRef", "secretRef", "configMapRef",
            "usernameSecret", "passwordSecret", "secret", "configMap", "accessKeyId", "secretAccessKey");

    private Policy() {
    }

    static List<String> containers(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode o : workloads(objects)) {
            JsonNode pod = o.path("spec").path("template").path("spec");
            boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
            for (JsonNode c : pod.path("containers")) {
                String where = Overlays.id(o) + " container " + c.path("name").asText();
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    if (c.path(probe).isMissingNode()) {
                        problems.add(where + ": no " + probe);
                    }
                }
                for (String r : List.of("cpu", "memory")) {
                    if (!c.path("resources").path("limits").has(r) || !c.path("resources").path("requests").has(r)) {
                        problems.add(where + ": no " + r + " request and limit");
                    }
                }
                JsonNode sc = c.path("securityContext");
                if (!podNonRoot && !sc.path("runAsNonRoot").asBoolean(false)) {
                    problems.add(where + ": may run as root");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + ": writable root filesystem");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": privilege escalation allowed");
                }
                if (!sc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problems.add(where + ": capabilities not dropped");
                }
            }
        }
        return problems;
    }

    static List<String> images(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            collect(o, (key, value) -> {
                if ((key.equals("image") || key.equals("imageName")) && value.isTextual()) {
                    String image = value.asText();
                    String last = image.substring(image.lastIndexOf('/') + 1);
                    int colon = last.indexOf(':');
                    if (colon < 0 || last.endsWith(":latest")) {
                        problems.add(Overlays.id(o) + ": image " + image + " is not pinned by tag");
                    }
                }
            });
        }
        return problems;
    }

    static List<String> serviceSelectors(List<JsonNode> objects) {
        List<JsonNode> templates = workloads(objects).stream()
                .map(o -> o.path("spec").path("template").path("metadata").path("labels")).toList();
        List<String> problems = new ArrayList<>();
        for (JsonNode s : objects) {
            if (!s.path("kind").asText().equals("Service") || !s.path("spec").has("selector")) {
                continue;
            }
            JsonNode selector = s.path("spec").path("selector");
            boolean matched = templates.stream().anyMatch(labels -> contains(labels, selector));
            if (!matched) {
                problems.add(Overlays.id(s) + ": selector " + selector + " matches no pod template");
            }
        }
        return problems;
    }

    /** Every HPA scales a workload in the overlay, and every PDB's selector matches a pod template. */
    static List<String> disruptionAndScaling(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        Set<String> workloadIds = new HashSet<>();
        workloads(objects).forEach(w -> workloadIds.add(Overlays.id(w)));
        List<JsonNode> templates = workloads(objects).stream()
                .map(o -> o.path("spec").path("template").path("metadata").path("labels")).toList();
        for (JsonNode o : objects) {
            switch (o.path("kind").asText()) {
                case "HorizontalPodAutoscaler" -> {
                    JsonNode ref = o.path("spec").path("scaleTargetRef");
                    if (!workloadIds.contains(ref.path("kind").asText() + "/" + ref.path("name").asText())) {
                        problems.add(Overlays.id(o) + ": scales " + ref + ", which is not in the overlay");
                    }
                }
                case "PodDisruptionBudget" -> {
                    JsonNode selector = o.path("spec").path("selector").path("matchLabels");
                    if (templates.stream().noneMatch(labels -> contains(labels, selector))) {
                        problems.add(Overlays.id(o) + ": selector " + selector + " matches no pod template");
                    }
                }
                default -> { }
            }
        }
        return problems;
    }

    private static boolean contains(JsonNode labels, JsonNode selector) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return selector.size() > 0;
    }

    static List<String> references(List<JsonNode> objects) {
        Set<String> present = new HashSet<>(OPERATOR_MADE);
        present.addAll(OPERATOR_PROVIDED);
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (kind.equals("Secret") || kind.equals("ConfigMap")) {
                present.add(o.path("metadata").path("name").asText());
            }
        }
        Set<String> problems = new TreeSet<>();
        for (JsonNode o : objects) {
            collect(o, (key, value) -> {
                String name = null;
                if (REF_OBJECTS.contains(key) && value.isObject() && value.path("name").isTextual()) {
                    name = value.path("name").asText();
                } else if (key.equals("secretName") && value.isTextual()) {
                    name = value.asText();
                }
                if (name != null && !present.contains(name)) {
                    problems.add(Overlays.id(o) + ": references " + name + ", which is neither in the overlay nor listed");
                }
            });
        }
        return new ArrayList<>(problems);
    }

    /** The topic names that the KafkaTopics in the overlay create. */
    static Set<String> topics(List<JsonNode> objects) {
        Set<String> topics = new TreeSet<>();
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals("KafkaTopic")) {
                topics.add(o.path("spec").path("topicName").asText(o.path("metadata").path("name").asText()));
            }
        }
        return topics;
    }

    private static List<JsonNode> workloads(List<JsonNode> objects) {
        return objects.stream().filter(o -> WORKLOADS.contains(o.path("kind").asText())).toList();
    }

    private interface Visitor {
        void visit(String key, JsonNode value);
    }

    private static void collect(JsonNode node, Visitor visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                visitor.visit(e.getKey(), e.getValue());
                collect(e.getValue(), visitor);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, visitor));
        }
    }
}
