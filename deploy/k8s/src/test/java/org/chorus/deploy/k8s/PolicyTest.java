package org.chorus.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
}
