package org.chorus.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every overlay, rendered as an operator would, read strictly and held to the policy. */
class ManifestsTest {

    private static final String NO_KUBECTL =
            "kubectl (with kustomize) is not on the PATH: the overlays are not rendered or checked here";
    private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        if (!Overlays.kubectlPresent()) {
            if ("true".equals(System.getenv("CHORUS_REQUIRE_ALL"))) {
                fail("CHORUS_REQUIRE_ALL=true but kubectl (with kustomize) is not on the PATH");
            }
            System.err.println("ManifestsTest skipped: " + NO_KUBECTL);
            return;
        }
        for (String overlay : Overlays.NAMES) {
            RENDERED.put(overlay, Overlays.render(overlay));
        }
    }

    /** Each test is reported as skipped, with the reason, rather than vanishing from the count. */
    @BeforeEach
    void rendered() {
        Assumptions.assumeFalse(RENDERED.isEmpty(), NO_KUBECTL);
    }

    @Test
    void everyObjectReadsStrictlyIntoItsModelOrSchema() {
        List<String> problems = new ArrayList<>();
        RENDERED.forEach((overlay, objects) -> objects.forEach(o ->
                StrictModels.check(o).forEach(p -> problems.add(overlay + ": " + p))));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyContainerHasProbesLimitsAndRunsLocked() {
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.containers(objects)).as(overlay).isEmpty());
    }

    @Test
    void everyServiceSelectsAPodTemplate() {
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.serviceSelectors(objects)).as(overlay).isEmpty());
    }

    @Test
    void everyAutoscalerAndDisruptionBudgetHasItsWorkload() {
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.disruptionAndScaling(objects)).as(overlay).isEmpty());
    }

    @Test
    void everyReferencedSecretOrConfigMapExistsOrIsListed() {
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.references(objects)).as(overlay).isEmpty());
    }

    /** An operator learns what to create from deploy/README.md: every listed Secret is named there. */
    @Test
    void everyListedSecretIsInTheDeployReadme() throws Exception {
        String readme = Files.readString(Overlays.K8S.resolve("../README.md").normalize());
        Policy.OPERATOR_PROVIDED.forEach(name -> assertThat(readme).as("the secrets table").contains("| `" + name + "` |"));
        Policy.OPERATOR_MADE.forEach(name -> assertThat(readme).as("made by an operator").contains("`" + name + "`"));
    }

    @Test
    void everyImageIsPinnedByTag() {
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.images(objects)).as(overlay).isEmpty());
    }

    @Test
    void theKafkaTopicsAreExactlyTheTopicsTheCodeNames() throws Exception {
        var code = CodeTopics.all();
        assertThat(code).contains("chorus.stories.v1", "chorus.story-contacts.v1.notifications.dlt");
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.topics(objects)).as(overlay)
                .containsExactlyInAnyOrderElementsOf(code));
    }

    @Test
    void eachServicesKafkaUserGrantsExactlyWhatItsCodeUses() throws Exception {
        Map<String, CodeTopics.Usage> usage = new HashMap<>();
        for (String service : CodeTopics.SERVICES.keySet()) {
            usage.put(service, CodeTopics.usage(service));
        }
        assertThat(usage.get("notifications").consumers()).extracting(CodeTopics.Consumer::group)
                .contains("notifications", "notifications-digest", "notifications-dispatch");
        assertThat(usage.get("stories").writes()).contains("chorus.stories.v1", "chorus.story-contacts.v1");
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.kafkaAcls(objects, usage)).as(overlay).isEmpty());
    }

    @Test
    void signInHostIssuerAndIngressAgree() {
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.signIn(objects)).as(overlay).isEmpty());
    }

    @Test
    void everyVariableTheProductionProfilesRequireIsSet() throws Exception {
        var required = ProductionProfiles.required();
        assertThat(required.get("stories")).contains("CHORUS_ISSUER_URI", "CHORUS_DB_PASSWORD");
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.productionVariables(objects, required)).as(overlay)
                .isEmpty());
    }

    @Test
    void everyServicesPoolsFitItsDatabaseAtTheMostPodsItCanRun() throws Exception {
        var pools = ProductionProfiles.poolSizes();
        assertThat(pools).containsKeys("stories", "resources", "notifications");
        RENDERED.forEach((overlay, objects) -> assertThat(Policy.poolsFitDatabases(objects, pools)).as(overlay).isEmpty());
    }

    @Test
    void theNetworkPoliciesLetThroughWhatEachPodNeedsAndNothingElse() {
        RENDERED.forEach((overlay, objects) -> assertThat(NetworkFlows.check(objects, Flows.expected(objects)))
                .as(overlay).isEmpty());
    }

    @Test
    void theRealmImportIsTheProductionRealmVerbatim() throws Exception {
        JsonNode file = Overlays.YAML.readTree(Files.readString(
                Overlays.K8S.resolve("../keycloak/chorus-realm-production.json").normalize()));
        RENDERED.forEach((overlay, objects) -> {
            JsonNode realm = objects.stream().filter(o -> o.path("kind").asText().equals("KeycloakRealmImport"))
                    .findFirst().orElseThrow().path("spec").path("realm");
            assertThat(realm).as(overlay).isEqualTo(file);
        });
    }

    @Test
    void eachOverlaysTopicsKeepReplicationThreeAndTwoInSync() {
        RENDERED.forEach((overlay, objects) -> objects.stream()
                .filter(o -> o.path("kind").asText().equals("KafkaTopic"))
                .forEach(t -> {
                    assertThat(t.path("spec").path("replicas").asInt()).as(Overlays.id(t)).isEqualTo(3);
                    assertThat(t.path("spec").path("config").path("min.insync.replicas").asInt()).as(Overlays.id(t))
                            .isEqualTo(2);
                }));
    }
}
