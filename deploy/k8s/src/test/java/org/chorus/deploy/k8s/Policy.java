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
            "stories-db-app", "resources-db-app", "notifications-db-app", "keycloak-db-app",
            // Strimzi: each KafkaUser's SCRAM password and sasl.jaas.config, and the cluster CA's certificate
            "stories-kafka", "resources-kafka", "notifications-kafka", "chorus-cluster-ca-cert");
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

    /**
     * Each service's KafkaUser grants exactly what its code does with Kafka: Write on every topic its outbox writes
     * and on its consumers' dead-letter topics, Read on every topic and group its consumers read, nothing else (an
     * ACL no use of the code needs is reported too, so a service cannot quietly gain another's topics). The user is
     * {@code <service>-kafka}, and the service's Deployment signs in with that user's Secret.
     */
    static List<String> kafkaAcls(List<JsonNode> objects, Map<String, CodeTopics.Usage> services) {
        List<String> problems = new ArrayList<>();
        services.forEach((service, usage) -> {
            String user = service + "-kafka";
            JsonNode kafkaUser = objects.stream().filter(o -> o.path("kind").asText().equals("KafkaUser")
                    && o.path("metadata").path("name").asText().equals(user)).findFirst().orElse(null);
            if (kafkaUser == null) {
                problems.add(service + ": no KafkaUser " + user);
                return;
            }
            boolean signsIn = false;
            for (JsonNode o : workloads(objects)) {
                if (!o.path("metadata").path("name").asText().equals(service)) {
                    continue;
                }
                for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                    for (JsonNode e : c.path("env")) {
                        JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                        signsIn |= ref.path("name").asText().equals(user)
                                && ref.path("key").asText().equals("sasl.jaas.config");
                    }
                }
            }
            if (!signsIn) {
                problems.add(service + ": its Deployment does not sign in with " + user + "'s sasl.jaas.config");
            }
            Set<String> needed = new TreeSet<>();
            usage.writesWithDeadLetters().forEach(t -> needed.add("topic " + t + " Write"));
            for (CodeTopics.Consumer c : usage.consumers()) {
                c.topics().forEach(t -> needed.add("topic " + t + " Read"));
                needed.add("group " + c.group() + " Read");
            }
            Set<String> granted = new TreeSet<>();
            for (JsonNode acl : kafkaUser.path("spec").path("authorization").path("acls")) {
                if (acl.path("type").asText("allow").equalsIgnoreCase("deny")) {
                    continue;
                }
                JsonNode r = acl.path("resource");
                String name = r.path("name").asText("*");
                if (!r.path("patternType").asText("literal").equals("literal") || name.equals("*")) {
                    problems.add(user + ": grants on a pattern (" + r + "); name each topic and group");
                    continue;
                }
                acl.path("operations").forEach(op -> granted.add(r.path("type").asText() + " " + name + " "
                        + op.asText()));
            }
            for (String need : needed) {
                String[] n = need.split(" ");
                if (!granted.contains(need) && !granted.contains(n[0] + " " + n[1] + " All")) {
                    problems.add(user + ": the code needs " + need + ", which no ACL grants");
                }
            }
            for (String grant : granted) {
                String[] g = grant.split(" ");
                boolean used = g[2].equals("Describe")
                        ? needed.stream().anyMatch(n -> n.startsWith(g[0] + " " + g[1] + " "))
                        : needed.contains(grant);
                if (!used) {
                    problems.add(user + ": grants " + grant + ", which nothing in the code uses");
                }
            }
        });
        return problems;
    }

    /**
     * Staff sign in at Keycloak's public hostname, which is also the issuer the services check: the Keycloak
     * hostname, the issuer in ConfigMap chorus-public and the Ingress must name the same host, and the public URL's
     * host must be routed too.
     */
    static List<String> signIn(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        JsonNode config = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                && o.path("metadata").path("name").asText().equals("chorus-public")).findFirst().orElse(null);
        JsonNode keycloak = objects.stream().filter(o -> o.path("kind").asText().equals("Keycloak"))
                .findFirst().orElse(null);
        if (config == null || keycloak == null) {
            return List.of("no ConfigMap chorus-public or no Keycloak");
        }
        String hostname = keycloak.path("spec").path("hostname").path("hostname").asText();
        String issuer = config.path("data").path("issuer-uri").asText();
        if (!issuer.equals(hostname + "/realms/chorus")) {
            problems.add("the issuer " + issuer + " is not Keycloak's hostname " + hostname + " + /realms/chorus");
        }
        if (!keycloak.path("spec").path("hostname").path("backchannelDynamic").asBoolean(false)) {
            problems.add("Keycloak without hostname.backchannelDynamic: the services' internal calls would be answered "
                    + "with public addresses");
        }
        Set<String> routed = new TreeSet<>();
        Set<String> tls = new TreeSet<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("Ingress")).forEach(i -> {
            i.path("spec").path("rules").forEach(r -> routed.add(r.path("host").asText()));
            i.path("spec").path("tls").forEach(t -> t.path("hosts").forEach(h -> tls.add(h.asText())));
        });
        for (String url : List.of(hostname, config.path("data").path("public-url").asText())) {
            String host = java.net.URI.create(url).getHost();
            if (!routed.contains(host) || !tls.contains(host)) {
                problems.add(host + " (from " + url + ") has no Ingress rule with TLS");
            }
        }
        return problems;
    }

    /**
     * Every variable a service's application-production.yml requires (a {@code ${NAME}} without a default) is set in
     * its container's environment, so a deployment never stops on a missing one.
     */
    static List<String> productionVariables(List<JsonNode> objects, Map<String, Set<String>> required) {
        List<String> problems = new ArrayList<>();
        required.forEach((service, variables) -> {
            JsonNode deployment = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                    && o.path("metadata").path("name").asText().equals(service)).findFirst().orElse(null);
            if (deployment == null) {
                problems.add("no Deployment " + service);
                return;
            }
            Set<String> set = new TreeSet<>();
            deployment.path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> c.path("env").forEach(e -> set.add(e.path("name").asText())));
            for (String variable : variables) {
                if (!set.contains(variable)) {
                    problems.add("Deployment/" + service + ": no " + variable
                            + ", which its application-production.yml requires");
                }
            }
        });
        return problems;
    }

    /** Connections each database keeps for the superuser, the operator's instance manager and a psql. */
    static final int RESERVED_CONNECTIONS = 20;

    /**
     * Every pod of a service at the most its overlay lets it run (the autoscaler's ceiling, else its replicas) holding
     * its whole R2DBC pool (the service's production pool size, or SPRING_R2DBC_POOL_MAX_SIZE in its environment) and
     * one Flyway connection fits in its database's max_connections, less {@link #RESERVED_CONNECTIONS}.
     */
    static List<String> poolsFitDatabases(List<JsonNode> objects, Map<String, Integer> poolSizes) {
        List<String> problems = new ArrayList<>();
        for (JsonNode d : workloads(objects)) {
            String service = d.path("metadata").path("name").asText();
            String host = null;
            Integer pool = poolSizes.get(service);
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode e : c.path("env")) {
                    switch (e.path("name").asText()) {
                        case "CHORUS_DB_HOST" -> host = e.path("value").asText();
                        case "SPRING_R2DBC_POOL_MAX_SIZE" -> pool = e.path("value").asInt();
                        default -> { }
                    }
                }
            }
            if (host == null) {
                continue;
            }
            String cluster = host.replaceAll("-rw$", "");
            JsonNode database = objects.stream().filter(o -> o.path("kind").asText().equals("Cluster")
                    && o.path("metadata").path("name").asText().equals(cluster)).findFirst().orElse(null);
            if (database == null || pool == null) {
                problems.add(Overlays.id(d) + ": no database Cluster " + cluster + " or no pool size");
                continue;
            }
            int pods = d.path("spec").path("replicas").asInt(1);
            for (JsonNode h : objects) {
                JsonNode ref = h.path("spec").path("scaleTargetRef");
                if (h.path("kind").asText().equals("HorizontalPodAutoscaler") && ref.path("name").asText().equals(service)) {
                    pods = Math.max(pods, h.path("spec").path("maxReplicas").asInt());
                }
            }
            int max = database.path("spec").path("postgresql").path("parameters").path("max_connections").asInt(100);
            int needed = pods * (pool + 1);
            if (needed > max - RESERVED_CONNECTIONS) {
                problems.add(Overlays.id(d) + ": " + pods + " pods x (pool " + pool + " + Flyway 1) = " + needed
                        + " connections, over " + cluster + "'s max_connections " + max + " less "
                        + RESERVED_CONNECTIONS + " reserved");
            }
        }
        return problems;
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
