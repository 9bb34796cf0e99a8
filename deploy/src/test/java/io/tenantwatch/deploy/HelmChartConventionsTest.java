package io.tenantwatch.deploy;

import static io.tenantwatch.deploy.HelmChartTest.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys users of the falcosecurity charts reach for (name overrides, service account and RBAC
 * switches, pod labels, priority, topology spread, extra env and volumes per component), the
 * monitoring objects' knobs (per-rule switches, extra rule labels, relabelings), {@code helm test},
 * and the Chart.yaml metadata Artifact Hub reads.
 */
class HelmChartConventionsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FULLNAME = RenderedChart.RELEASE + "-tenantwatch";

    static RenderedChart defaults;
    static RenderedChart full;

    @BeforeAll
    static void render() {
        defaults = RenderedChart.defaults();
        full = RenderedChart.full();
    }

    private static PodTemplateSpec template(RenderedChart chart, String kind, String name) {
        return kind.equals("Deployment")
                ? chart.get(kind, name).as(Deployment.class).getSpec().getTemplate()
                : chart.get(kind, name).as(StatefulSet.class).getSpec().getTemplate();
    }

    @Test
    void nameOverridesRenameEveryObjectAndKeepSelectorsMatching() {
        RenderedChart renamed = RenderedChart.render(null, Map.of("fullnameOverride", "secmon"));
        assertThat(renamed.objects())
                .extracting(RenderedChart.RenderedObject::name)
                .allSatisfy(n -> assertThat(n).startsWith("secmon"));
        assertThat(renamed.find("StatefulSet", "secmon")).isPresent();

        RenderedChart named = RenderedChart.render(null, Map.of("nameOverride", "tw-monitor"));
        StatefulSet sts = named.get("StatefulSet", "tw-tw-monitor").as(StatefulSet.class);
        assertThat(sts.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "tw-monitor");
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
        assertThat(named.get("Service", "tw-tw-monitor")
                        .as(Service.class)
                        .getSpec()
                        .getSelector())
                .containsEntry("app.kubernetes.io/name", "tw-monitor");
    }

    @Test
    void serviceAccountsAndTheDirectoryRoleCanBeLeftToTheOperator() {
        RenderedChart bring = RenderedChart.render(
                RenderedChart.FULL_VALUES,
                Map.of("serviceAccount.create", "false", "serviceAccount.name", "tw-existing", "rbac.create", "false"));
        assertThat(bring.ofKind("ServiceAccount")).isEmpty();
        assertThat(bring.ofKind("ClusterRole")).isEmpty();
        assertThat(bring.ofKind("ClusterRoleBinding")).isEmpty();
        for (String[] w : List.of(
                new String[] {"Deployment", FULLNAME + "-ingest"},
                new String[] {"StatefulSet", FULLNAME + "-detect"},
                new String[] {"Deployment", FULLNAME + "-alerting"})) {
            assertThat(template(bring, w[0], w[1]).getSpec().getServiceAccountName())
                    .as(w[1])
                    .isEqualTo("tw-existing");
        }
        assertThat(template(bring, "Deployment", FULLNAME + "-ingest").getSpec().getAutomountServiceAccountToken())
                .as("the directory still needs its token")
                .isTrue();

        RenderedChart noAccount = RenderedChart.render(null, Map.of("serviceAccount.create", "false"));
        assertThat(template(noAccount, "StatefulSet", FULLNAME).getSpec().getServiceAccountName())
                .isEqualTo("default");
        assertThat(noAccount.ofKind("ClusterRoleBinding")).singleElement().satisfies(b -> assertThat(
                        b.tree().at("/subjects/0/name").asText())
                .isEqualTo("default"));
    }

    @Test
    void podLabelsPriorityAndTopologySpreadReachThePodsTheyAreFor() {
        PodTemplateSpec ingest = template(full, "Deployment", FULLNAME + "-ingest");
        PodTemplateSpec detect = template(full, "StatefulSet", FULLNAME + "-detect");
        PodTemplateSpec alerting = template(full, "Deployment", FULLNAME + "-alerting");

        assertThat(ingest.getMetadata().getLabels())
                .containsEntry("example.com/cost-center", "secops")
                .containsEntry("example.com/tier", "edge")
                .containsEntry("app.kubernetes.io/component", "ingest");
        assertThat(alerting.getMetadata().getLabels())
                .containsEntry("example.com/cost-center", "secops")
                .doesNotContainKey("example.com/tier");
        assertThat(ingest.getSpec().getPriorityClassName()).isEqualTo("security-critical");
        assertThat(detect.getSpec().getPriorityClassName())
                .as("a component's own class wins")
                .isEqualTo("detection-critical");
        assertThat(defaults.ofKind("StatefulSet")
                        .get(0)
                        .as(StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getPriorityClassName())
                .isNull();

        assertThat(ingest.getSpec().getTopologySpreadConstraints())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                    assertThat(c.getLabelSelector().getMatchLabels())
                            .as("filled in with the component's own pods")
                            .containsEntry("app.kubernetes.io/component", "ingest")
                            .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE);
                });
        assertThat(detect.getSpec().getTopologySpreadConstraints()).isNullOrEmpty();

        RenderedChart ownSelector = RenderedChart.render(
                null,
                Map.of(
                        "allInOne.topologySpreadConstraints[0].maxSkew", "1",
                        "allInOne.topologySpreadConstraints[0].topologyKey", "kubernetes.io/hostname",
                        "allInOne.topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule",
                        "allInOne.topologySpreadConstraints[0].labelSelector.matchLabels.app", "x"));
        assertThat(template(ownSelector, "StatefulSet", FULLNAME)
                        .getSpec()
                        .getTopologySpreadConstraints()
                        .get(0)
                        .getLabelSelector()
                        .getMatchLabels())
                .as("a selector the operator gave is kept as given")
                .containsExactlyEntriesOf(Map.of("app", "x"));

        RenderedChart clash = RenderedChart.render(null, Map.of("podLabels.app\\.kubernetes\\.io/component", "oops"));
        assertThat(template(clash, "StatefulSet", FULLNAME).getMetadata().getLabels())
                .as("pod labels cannot break the selectors")
                .containsEntry("app.kubernetes.io/component", "all-in-one");
    }

    @Test
    void extraEnvAndVolumesGoToTheirComponentOnly() {
        Container ingest =
                container(template(full, "Deployment", FULLNAME + "-ingest").getSpec());
        assertThat(ingest.getEnv()).extracting(EnvVar::getName).contains("JAVA_TOOL_OPTIONS", "HTTPS_PROXY");
        assertThat(ingest.getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .contains("/etc/ssl/corp", "/var/run/secrets/tenantwatch/receiver");
        assertThat(template(full, "Deployment", FULLNAME + "-ingest").getSpec().getVolumes())
                .anySatisfy(v -> assertThat(
                                v.getConfigMap() == null
                                        ? null
                                        : v.getConfigMap().getName())
                        .isEqualTo("corp-ca"));
        for (PodTemplateSpec other : List.of(
                template(full, "StatefulSet", FULLNAME + "-detect"),
                template(full, "Deployment", FULLNAME + "-alerting"))) {
            assertThat(container(other.getSpec()).getEnv())
                    .extracting(EnvVar::getName)
                    .doesNotContain("HTTPS_PROXY");
            assertThat(other.getSpec().getVolumes()).noneMatch(v -> v.getName().equals("corp-ca"));
        }
    }

    @Test
    void singleRulesCanBeSwitchedOffAndEveryRuleGetsTheExtraLabels() throws IOException {
        JsonNode spec = full.get("PrometheusRule", FULLNAME).tree().get("spec");
        JsonNode file = YAML.readTree(PrometheusRulesTest.RULES.toFile());
        List<String> expected = new ArrayList<>();
        for (JsonNode group : file.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (!rule.get("alert").asText().equals("TenantwatchUnmappedNamespaces")) {
                    expected.add(rule.get("alert").asText());
                }
            }
        }
        List<String> rendered = new ArrayList<>();
        for (JsonNode group : spec.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                rendered.add(rule.get("alert").asText());
                assertThat(rule.at("/labels/team").asText())
                        .as(rule.get("alert").asText())
                        .isEqualTo("secops");
                assertThat(rule.at("/labels/severity").asText())
                        .as("a rule's own severity wins")
                        .isIn("critical", "warning", "info");
                assertThat(rule.get("expr").asText()).isNotBlank();
            }
        }
        assertThat(rendered).containsExactlyElementsOf(expected).doesNotContain("TenantwatchUnmappedNamespaces");
        assertThat(spec.toString())
                .as("Prometheus' own templates pass through untouched")
                .contains("{{ $labels.cluster }}");

        assertThatThrownBy(() -> RenderedChart.render(
                        null,
                        Map.of(
                                "metrics.prometheusRule.create",
                                "true",
                                "metrics.prometheusRule.rules.TenantwatchNoEvent.enabled",
                                "false")))
                .as("a misspelt rule name would switch nothing off")
                .hasMessageContaining("metrics.prometheusRule.rules.TenantwatchNoEvent: no rule has that name");
    }

    @Test
    void theServiceMonitorCarriesRelabelings() {
        JsonNode endpoint = full.get("ServiceMonitor", FULLNAME).tree().at("/spec/endpoints/0");
        assertThat(endpoint.at("/relabelings/0/targetLabel").asText()).isEqualTo("cluster");
        assertThat(endpoint.at("/relabelings/0/replacement").asText()).isEqualTo("aks-prod");
        assertThat(endpoint.at("/metricRelabelings/0/action").asText()).isEqualTo("drop");
        JsonNode plain = RenderedChart.render(null, Map.of("metrics.serviceMonitor.create", "true"))
                .get("ServiceMonitor", FULLNAME)
                .tree()
                .at("/spec/endpoints/0");
        assertThat(plain.has("relabelings")).isFalse();
        assertThat(plain.has("metricRelabelings")).isFalse();
    }

    @Test
    void helmTestAsksTheMetricsServiceOfThisReleaseForReadiness(@TempDir Path dir) throws IOException {
        assertThat(defaults.ofKind("Pod"))
                .as("a hook, not part of the release's manifest")
                .isEmpty();
        RenderedChart withTests = RenderedChart.withTestHooks(dir.resolve("plain"), Map.of());
        Pod test = withTests.get("Pod", FULLNAME + "-test-metrics").as(Pod.class);
        assertThat(test.getMetadata().getAnnotations()).containsEntry(RenderedChart.WAS_HOOK, "test");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        Service metrics = defaults.get("Service", FULLNAME + "-metrics").as(Service.class);
        String url = "http://" + metrics.getMetadata().getName() + "." + RenderedChart.NAMESPACE + ".svc:"
                + metrics.getSpec().getPorts().get(0).getPort();
        Container wget = test.getSpec().getContainers().get(0);
        String script = String.join("\n", wget.getArgs());
        assertThat(script).contains(url + "/readyz").contains(url + "/metrics").contains("tenantwatch_build_info");
        assertThat(wget.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(wget.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(test.getMetadata().getLabels())
                .as("the label the NetworkPolicy lets through")
                .containsEntry("app.kubernetes.io/component", "helm-test");

        Pod withToken = RenderedChart.withTestHooks(
                        dir.resolve("token"), Map.of("metrics.auth.existingSecret", "tw-metrics"))
                .get("Pod", FULLNAME + "-test-metrics")
                .as(Pod.class);
        assertThat(String.join("\n", withToken.getSpec().getContainers().get(0).getArgs()))
                .as("/metrics asks for a token the test does not hold; /readyz never does")
                .contains("/readyz")
                .doesNotContain("/metrics\"");

        RenderedChart off = RenderedChart.withTestHooks(dir.resolve("off"), Map.of("tests.enabled", "false"));
        assertThat(off.ofKind("Pod")).isEmpty();
    }

    @Test
    void theReceiverServiceCanHaveAFixedAddressOrNodePort() {
        Service fixed = RenderedChart.render(null, Map.of("receiver.service.clusterIP", "10.0.200.10"))
                .get("Service", FULLNAME)
                .as(Service.class);
        assertThat(fixed.getSpec().getClusterIP()).isEqualTo("10.0.200.10");
        Service nodePort = RenderedChart.render(
                        null, Map.of("receiver.service.type", "NodePort", "receiver.service.nodePort", "30443"))
                .get("Service", FULLNAME)
                .as(Service.class);
        assertThat(nodePort.getSpec().getType()).isEqualTo("NodePort");
        assertThat(nodePort.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30443);
        assertThat(defaults.get("Service", FULLNAME).as(Service.class).getSpec().getClusterIP())
                .isNull();
    }

    @Test
    void chartYamlCarriesTheMetadataArtifactHubReads() throws IOException {
        JsonNode chart = YAML.readTree(RenderedChart.CHART.resolve("Chart.yaml").toFile());
        assertThat(chart.get("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.get("kubeVersion").asText()).isNotBlank();
        assertThat(chart.get("maintainers")).isNotEmpty();
        assertThat(chart.get("keywords").toString()).contains("security", "falco", "aks");
        assertThat(chart.at("/annotations/artifacthub.io~1category").asText()).isEqualTo("security");
        assertThat(chart.at("/annotations/artifacthub.io~1license").asText()).isEqualTo("Apache-2.0");
        assertThat(Path.of("..", "LICENSE").toFile())
                .as("the licence the annotation names")
                .content()
                .contains("Apache License", "Version 2.0");
    }
}
