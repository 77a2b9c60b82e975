package org.chorus.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chorus.deploy.k8s.NetworkFlows.Flow;
import org.chorus.deploy.k8s.NetworkFlows.Outside;
import org.chorus.deploy.k8s.NetworkFlows.Pod;
import org.junit.jupiter.api.Test;

/** The checkers fail on bad objects: each check can fail, so a green ManifestsTest means something. No kubectl needed. */
class PolicyTest {

    private static final String GOOD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  securityContext: {runAsNonRoot: true}
                  containers:
                  - name: web
                    image: example/web:1.2.3
                    env:
                    - name: A
                      valueFrom: {secretKeyRef: {name: chorus-smtp, key: host}}
                    resources: {requests: {cpu: "1", memory: 1Gi}, limits: {cpu: "1", memory: 1Gi}}
                    startupProbe: {httpGet: {path: /, port: 80}}
                    readinessProbe: {httpGet: {path: /, port: 80}}
                    livenessProbe: {httpGet: {path: /, port: 80}}
                    securityContext:
                      readOnlyRootFilesystem: true
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL]}
            """;

    private static List<JsonNode> objects(String yaml) throws Exception {
        return Overlays.parse(yaml);
    }

    @Test
    void aGoodDeploymentPassesEveryCheck() throws Exception {
        var good = objects(GOOD);
        assertThat(StrictModels.check(good.get(0))).isEmpty();
        assertThat(Policy.containers(good)).isEmpty();
        assertThat(Policy.images(good)).isEmpty();
        assertThat(Policy.references(good)).isEmpty();
    }

    @Test
    void anUnknownFieldIsAnError() throws Exception {
        var bad = objects(GOOD.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: true\n          readOnlyRootFs: true"));
        assertThat(StrictModels.check(bad.get(0))).singleElement().asString().contains("readOnlyRootFs");
        var topic = objects("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {topicName: t, partitions: 1, replica: 3}
                """);
        assertThat(StrictModels.check(topic.get(0))).singleElement().asString().contains("replica");
    }

    @Test
    void anUnknownFieldInAnOperatorResourceIsAnError() throws Exception {
        var cluster = objects("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec: {instances: 3, storage: {size: 1Gi}, instancez: 2}
                """);
        assertThat(StrictModels.check(cluster.get(0))).isNotEmpty();
        var keycloak = objects("""
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: Keycloak
                metadata: {name: kc}
                spec: {instances: "two"}
                """);
        assertThat(StrictModels.check(keycloak.get(0))).isNotEmpty();
    }

    @Test
    void aContainerWithoutProbesLimitsOrLockIsReported() throws Exception {
        var bad = objects(GOOD.replace("livenessProbe", "x-livenessProbe").replace("limits: {cpu: \"1\", memory: 1Gi}", "limits: {cpu: \"1\"}")
                .replace("runAsNonRoot: true", "runAsNonRoot: false").replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"));
        assertThat(Policy.containers(bad)).hasSize(4)
                .anyMatch(p -> p.contains("livenessProbe")).anyMatch(p -> p.contains("memory"))
                .anyMatch(p -> p.contains("root")).anyMatch(p -> p.contains("escalation"));
    }

    @Test
    void latestOrUntaggedImagesAreReported() throws Exception {
        assertThat(Policy.images(objects(GOOD.replace("example/web:1.2.3", "example/web:latest")))).hasSize(1);
        assertThat(Policy.images(objects(GOOD.replace("example/web:1.2.3", "registry:5000/web")))).hasSize(1);
    }

    @Test
    void aServiceSelectingNoPodIsReported() throws Exception {
        var objects = objects(GOOD + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {selector: {app: wbe}, ports: [{port: 80}]}
                """);
        assertThat(Policy.serviceSelectors(objects)).singleElement().asString().contains("Service/web");
    }

    @Test
    void anAutoscalerOrBudgetWithoutItsWorkloadIsReported() throws Exception {
        var objects = objects(GOOD + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: wbe}, maxReplicas: 3}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: wbe}}}
                """);
        assertThat(Policy.disruptionAndScaling(objects)).hasSize(2);
        assertThat(Policy.disruptionAndScaling(objects(GOOD))).isEmpty();
    }

    @Test
    void anUnlistedSecretIsReported() throws Exception {
        assertThat(Policy.references(objects(GOOD.replace("chorus-smtp", "someone-elses-secret"))))
                .singleElement().asString().contains("someone-elses-secret");
    }

    @Test
    void topicsAreReadFromKafkaTopics() throws Exception {
        var topics = objects("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: a}
                spec: {topicName: chorus.a.v1}
                """);
        assertThat(Policy.topics(topics)).containsExactly("chorus.a.v1");
        assertThat(CodeTopics.all()).doesNotContain("chorus.a.v1");
    }

    private static final String KAFKA_USER = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata: {name: mail-kafka}
            spec:
              authentication: {type: scram-sha-512}
              authorization:
                type: simple
                acls:
                - resource: {type: topic, name: chorus.a.v1, patternType: literal}
                  operations: [Read]
                - resource: {type: group, name: mail, patternType: literal}
                  operations: [Read]
                - resource: {type: topic, name: chorus.a.v1.mail.dlt, patternType: literal}
                  operations: [Write]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: mail}
            spec:
              template:
                spec:
                  containers:
                  - name: mail
                    env:
                    - name: CHORUS_KAFKA_JAAS_CONFIG
                      valueFrom: {secretKeyRef: {name: mail-kafka, key: sasl.jaas.config}}
            """;

    private static final Map<String, CodeTopics.Usage> MAIL_READS_A = Map.of("mail",
            new CodeTopics.Usage(Set.of(), List.of(new CodeTopics.Consumer("mail", Set.of("chorus.a.v1")))));

    @Test
    void aKafkaUserIsHeldToWhatTheCodeDoesBothWays() throws Exception {
        assertThat(StrictModels.check(objects(KAFKA_USER).get(0))).isEmpty();
        assertThat(Policy.kafkaAcls(objects(KAFKA_USER), MAIL_READS_A)).isEmpty();
        assertThat(Policy.kafkaAcls(objects(KAFKA_USER.replace("name: mail, patternType", "name: other, patternType")),
                MAIL_READS_A)).anyMatch(p -> p.contains("needs group mail Read")).anyMatch(p -> p.contains("group other"));
        assertThat(Policy.kafkaAcls(objects(KAFKA_USER.replace("operations: [Write]", "operations: [Write]\n"
                + "    - resource: {type: topic, name: chorus.b.v1, patternType: literal}\n"
                + "      operations: [Write]")), MAIL_READS_A))
                .singleElement().asString().contains("topic chorus.b.v1 Write");
        assertThat(Policy.kafkaAcls(objects(KAFKA_USER.replace("name: chorus.a.v1.mail.dlt, patternType: literal",
                "name: chorus, patternType: prefix")), MAIL_READS_A)).anyMatch(p -> p.contains("pattern"))
                .anyMatch(p -> p.contains("needs topic chorus.a.v1.mail.dlt Write"));
        assertThat(Policy.kafkaAcls(objects(KAFKA_USER.replace("name: mail-kafka, key", "name: other-kafka, key")),
                MAIL_READS_A)).singleElement().asString().contains("does not sign in");
        assertThat(StrictModels.check(objects(KAFKA_USER.replace("operations: [Write]", "operationz: [Write]")).get(0)))
                .isNotEmpty();
    }

    private static final String SIGN_IN = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: chorus-public}
            data: {issuer-uri: "https://auth.example.org/realms/chorus", public-url: "https://example.org"}
            ---
            apiVersion: k8s.keycloak.org/v2alpha1
            kind: Keycloak
            metadata: {name: keycloak}
            spec: {hostname: {hostname: "https://auth.example.org", backchannelDynamic: true}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: chorus}
            spec:
              tls: [{hosts: [example.org, auth.example.org], secretName: chorus-tls}]
              rules: [{host: example.org}, {host: auth.example.org}]
            """;

    @Test
    void signInOnAnotherHostThanTheIssuerOrWithoutARouteIsReported() throws Exception {
        assertThat(Policy.signIn(objects(SIGN_IN))).isEmpty();
        assertThat(Policy.signIn(objects(SIGN_IN.replace("\"https://auth.example.org\", backchannelDynamic: true",
                "\"https://login.example.org\", backchannelDynamic: true"))))
                .anyMatch(p -> p.contains("is not Keycloak's hostname")).anyMatch(p -> p.contains("login.example.org"));
        assertThat(Policy.signIn(objects(SIGN_IN.replace("backchannelDynamic: true", "backchannelDynamic: false"))))
                .singleElement().asString().contains("backchannelDynamic");
        assertThat(Policy.signIn(objects(SIGN_IN.replace("{host: auth.example.org}", "{host: other.example.org}"))))
                .singleElement().asString().contains("auth.example.org");
    }

    @Test
    void aVariableTheProductionProfileRequiresAndTheDeploymentLacksIsReported() throws Exception {
        assertThat(ProductionProfiles.required("a: ${CHORUS_A}\nb: ${CHORUS_B:default}\nc: ${CHORUS_A}/x"))
                .containsExactly("CHORUS_A");
        var required = Map.of("web", Set.of("A"));
        assertThat(Policy.productionVariables(objects(GOOD), required)).isEmpty();
        assertThat(Policy.productionVariables(objects(GOOD), Map.of("web", Set.of("A", "CHORUS_B"))))
                .singleElement().asString().contains("CHORUS_B");
    }

    private static final String POOLED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: web
                    env:
                    - {name: CHORUS_DB_HOST, value: web-db-rw}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 12}
            ---
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata: {name: web-db}
            spec: {postgresql: {parameters: {max_connections: "200"}}}
            """;

    @Test
    void poolsThatOverrunTheirDatabaseAtTheAutoscalersCeilingAreReported() throws Exception {
        assertThat(Policy.poolsFitDatabases(objects(POOLED), Map.of("web", 10))).isEmpty();
        // 12 x (15 + 1) = 192 > 200 - 20: fits at 3 replicas, not at the autoscaler's 12
        assertThat(Policy.poolsFitDatabases(objects(POOLED), Map.of("web", 15))).singleElement().asString()
                .contains("12 pods");
        assertThat(Policy.poolsFitDatabases(objects(POOLED.replace("value: web-db-rw}", "value: web-db-rw}\n"
                + "        - {name: SPRING_R2DBC_POOL_MAX_SIZE, value: \"20\"}")), Map.of("web", 10))).hasSize(1);
    }

    private static final String POLICIES = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: ns}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns, namespace: ns}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                ports: [{protocol: UDP, port: 53}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: ns}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress, Egress]
              ingress:
              - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
                ports: [{protocol: TCP, port: 8080}]
              egress:
              - to: [{podSelector: {matchExpressions: [{key: db, operator: In, values: [web-db]}]}}]
                ports: [{protocol: TCP, port: 5432}]
              - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
                ports: [{protocol: TCP, port: 587}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: databases, namespace: ns}
            spec:
              podSelector: {matchExpressions: [{key: db, operator: Exists}]}
              policyTypes: [Ingress]
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{protocol: TCP, port: 5432}]
            """;

    private static final Pod WEB = new Pod("web", "ns", Map.of("app", "web"));
    private static final Pod WEB_DB = new Pod("web-db", "ns", Map.of("db", "web-db"));
    private static final Pod OTHER_DB = new Pod("other-db", "ns", Map.of("db", "other-db"));
    private static final Pod DNS = new Pod("dns", "kube-system", Map.of("k8s-app", "kube-dns"));
    private static final Pod INGRESS = new Pod("ingress", "ingress-nginx", Map.of());
    private static final List<Flow> FLOWS = List.of(new Flow(WEB, DNS, 53, "UDP", true),
            Flow.allowed(INGRESS, WEB, 8080), Flow.denied(INGRESS, WEB, 9090),
            Flow.allowed(WEB, WEB_DB, 5432), Flow.denied(WEB, OTHER_DB, 5432),
            Flow.allowed(WEB, new Outside("203.0.113.25"), 587), Flow.denied(WEB, new Outside("198.51.100.7"), 587),
            Flow.denied(WEB, new Outside("203.0.113.25"), 443));

    @Test
    void networkPoliciesAreEvaluatedFlowByFlow() throws Exception {
        assertThat(NetworkFlows.check(objects(POLICIES), FLOWS)).isEmpty();
        // no rule for DNS: every lookup is blocked
        assertThat(NetworkFlows.check(objects(POLICIES.replace("port: 53", "port: 54")), FLOWS))
                .singleElement().asString().contains("dns:53/UDP is blocked");
        // the database rule on every pod: the other service's database becomes reachable
        assertThat(NetworkFlows.check(objects(POLICIES.replace("values: [web-db]", "values: [web-db, other-db]")), FLOWS))
                .singleElement().asString().contains("other-db:5432/TCP is let through");
        // the ingress rule without its port: the management port opens to the ingress
        assertThat(NetworkFlows.check(objects(POLICIES.replace("ports: [{protocol: TCP, port: 8080}]", "ports: []")), FLOWS))
                .singleElement().asString().contains("web:9090/TCP is let through");
    }

    @Test
    void aPodNoEgressPolicySelectsMayCallAnything() throws Exception {
        String denyAll = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny, namespace: ns}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """;
        Pod other = new Pod("other", "ns", Map.of("app", "other"));
        List<Flow> out = List.of(Flow.denied(other, new Outside("198.51.100.7"), 443));
        assertThat(NetworkFlows.check(objects(denyAll), out)).isEmpty();
        assertThat(NetworkFlows.check(objects(denyAll.replace("[Ingress, Egress]", "[Ingress]")), out))
                .singleElement().asString().contains("is let through");
    }
}
