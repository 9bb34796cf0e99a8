package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart, rendered by Helm: lint, the default (all-in-one) and full (split, every option)
 * renders, parsed into fabric8's model, and the properties operators rely on.
 */
class HelmChartTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FULLNAME = RenderedChart.RELEASE + "-tenantwatch";

    static RenderedChart defaults;
    static RenderedChart full;

    @BeforeAll
    static void render() {
        defaults = RenderedChart.defaults();
        full = RenderedChart.full();
    }

    @Test
    void lintFindsNothingWorseThanInfo() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
        assertThat(lint.getMessages()).allSatisfy(m -> assertThat(m).startsWith("[INFO]"));
    }

    @Test
    void everyRenderedObjectIsAKubernetesObjectWithNoFieldFabric8DoesNotKnow() {
        RenderedChart misspelt = RenderedChart.parse("apiVersion: v1\nkind: Service\nmetadata: {name: x}\n"
                + "spec: {ports: [{port: 1, targetPort: metrics}], selecter: {a: b}}\n");
        assertThat(Fabric8Fields.unknown(misspelt.objects().get(0).model()))
                .as("the check can fail")
                .containsExactly(".spec.[selecter]");
        for (RenderedChart chart : List.of(defaults, full)) {
            assertThat(chart.objects()).isNotEmpty().allSatisfy(o -> {
                assertThat(o.model().getApiVersion()).as(o.yaml()).isNotBlank();
                assertThat(o.name()).as(o.yaml()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
                assertThat(Fabric8Fields.unknown(o.model()))
                        .as(o.kind() + "/" + o.name())
                        .isEmpty();
            });
        }
    }

    @Test
    void theDefaultIsOneAllInOneStatefulSetWithItsBrokerAndStateOnAVolume() {
        StatefulSet sts = defaults.get("StatefulSet", FULLNAME).as(StatefulSet.class);
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getVolumeClaimTemplates())
                .singleElement()
                .satisfies(pvc -> assertThat(pvc.getMetadata().getName()).isEqualTo("data"));
        Container c = container(sts.getSpec().getTemplate().getSpec());
        assertThat(c.getArgs())
                .startsWith("run")
                .contains(
                        "--components=ingest,detect,alerting",
                        "--bind=0.0.0.0",
                        "--data-dir=/var/lib/tenantwatch",
                        "--in-cluster",
                        "--receiver-port=8443",
                        "--token-file=/var/run/secrets/tenantwatch/receiver/tokens");
        assertThat(c.getArgs())
                .noneMatch(a -> a.startsWith("--bootstrap-servers"))
                .noneMatch(a -> a.startsWith("--tenancy-from-topic"))
                .noneMatch(a -> a.startsWith("--commit-interval")
                        || a.equals("--export-attributed")
                        || a.startsWith("--stream-threads"));
        assertThat(c.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/tenantwatch"));
        assertThat(sts.getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getName().equals("data"));

        assertThat(defaults.ofKind("Deployment")).isEmpty();
        assertThat(defaults.ofKind("Secret"))
                .as("tokens are referenced, never generated into the release")
                .isEmpty();
        assertThat(defaults.ofKind("PodDisruptionBudget"))
                .as("one pod cannot stay available")
                .isEmpty();
        assertThat(defaults.ofKind("ServiceMonitor"))
                .as("auto: template knows no monitoring.coreos.com/v1")
                .isEmpty();
        assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
        assertThat(defaults.ofKind("ConfigMap"))
                .as("no configuration given, no dashboards asked for")
                .isEmpty();

        Service receivers = defaults.get("Service", FULLNAME).as(Service.class);
        assertThat(receivers.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(receivers.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8443);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("receiver");
        });
        assertThat(receivers.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "all-in-one");
        Service metrics = defaults.get("Service", FULLNAME + "-metrics").as(Service.class);
        assertThat(metrics.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(sts.getSpec().getServiceName())
                .isEqualTo(metrics.getMetadata().getName());
    }

    @Test
    void splitModeRunsEachComponentWithItsOwnArguments() {
        Container ingest = container(full.get("Deployment", FULLNAME + "-ingest")
                .as(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec());
        StatefulSet detectSet = full.get("StatefulSet", FULLNAME + "-detect").as(StatefulSet.class);
        Container detect = container(detectSet.getSpec().getTemplate().getSpec());
        Deployment alertingDeployment =
                full.get("Deployment", FULLNAME + "-alerting").as(Deployment.class);
        Container alerting =
                container(alertingDeployment.getSpec().getTemplate().getSpec());

        for (Container c : List.of(ingest, detect, alerting)) {
            assertThat(c.getImage()).isEqualTo("contosoacr.azurecr.io/tenantwatch:0.1.0");
            assertThat(c.getArgs())
                    .contains(
                            "--bootstrap-servers=kafka-bootstrap.kafka.svc:9093",
                            "--topic-prefix=prod.",
                            "--partitions=12",
                            "--replication-factor=3",
                            "--cluster=aks-prod",
                            "--tenancy-grace=PT45S",
                            "--kafka-config=/var/run/secrets/tenantwatch/kafka/client.properties");
            assertThat(c.getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/tenantwatch/kafka"));
        }
        assertThat(ingest.getArgs())
                .contains(
                        "--components=ingest",
                        "--eventhubs=/etc/tenantwatch/eventhubs/eventhubs.yaml",
                        "--in-cluster",
                        "--tls-cert=/var/run/secrets/tenantwatch/tls/tls.crt",
                        "--tenancy=/etc/tenantwatch/tenancy/tenancy.yaml")
                .noneMatch(a -> a.startsWith("--config") || a.startsWith("--routes"));
        assertThat(detect.getArgs())
                .contains(
                        "--components=detect",
                        "--config=/etc/tenantwatch/detectors/detectors.yaml",
                        "--tenancy-from-topic",
                        "--tenancy=/etc/tenantwatch/tenancy/tenancy.yaml",
                        "--commit-interval=PT0.5S",
                        "--export-attributed",
                        "--stream-threads=2")
                .noneMatch(a ->
                        a.startsWith("--receiver-port") || a.startsWith("--token-file") || a.equals("--in-cluster"));
        assertThat(List.of(ingest, alerting)).allSatisfy(c -> assertThat(c.getArgs())
                .noneMatch(a -> a.startsWith("--commit-interval") || a.equals("--export-attributed")));
        assertThat(alerting.getArgs())
                .contains("--components=alerting", "--routes=/etc/tenantwatch/routes/routes.yaml")
                .noneMatch(a ->
                        a.startsWith("--receiver-port") || a.startsWith("--eventhubs") || a.startsWith("--config"));
        assertThat(alerting.getEnv()).extracting(EnvVar::getName).contains("TW_SLACK_ALPHA_URL");
        assertThat(alerting.getEnv())
                .filteredOn(e -> e.getName().equals("TW_SLACK_ALPHA_URL"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tenantwatch-sinks"));
        assertThat(alerting.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/tenantwatch/beta"));
        assertThat(ingest.getPorts()).extracting(p -> p.getName()).containsExactly("receiver", "metrics");
        assertThat(detect.getPorts()).extracting(p -> p.getName()).containsExactly("metrics");

        assertThat(detectSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(detectSet.getSpec().getVolumeClaimTemplates())
                .singleElement()
                .satisfies(pvc -> {
                    assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("managed-csi-premium");
                    assertThat(pvc.getSpec()
                                    .getResources()
                                    .getRequests()
                                    .get("storage")
                                    .toString())
                            .isEqualTo("20Gi");
                });
        assertThat(full.ofKind("PodDisruptionBudget"))
                .extracting(o -> o.as(PodDisruptionBudget.class)
                        .getSpec()
                        .getSelector()
                        .getMatchLabels()
                        .get("app.kubernetes.io/component"))
                .containsExactlyInAnyOrder("ingest", "detect", "alerting");
        assertThat(full.get("Service", FULLNAME).as(Service.class).getSpec().getSelector())
                .containsEntry("app.kubernetes.io/component", "ingest");
    }

    @Test
    void splitModeWithoutKafkaAndOtherImpossibleValuesFailWithOneClearLine() {
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("mode", "split")))
                .hasMessageContaining("mode split needs kafka.bootstrapServers");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("mode", "cluster")))
                .as("values.schema.json refuses it before any template runs")
                .hasMessageContaining("mode")
                .hasMessageContaining("allInOne");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("azure.workloadIdentity.enabled", "true")))
                .hasMessageContaining("azure.workloadIdentity.clientId");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("receiver.tokens.existingSecret", "")))
                .hasMessageContaining("receiver.tokens.existingSecret");
    }

    @Test
    void everyWorkloadRunsUnderTheRestrictedPodSecurityStandard() {
        for (RenderedChart chart : List.of(defaults, full)) {
            List<PodSpec> pods = podSpecs(chart);
            assertThat(pods).isNotEmpty();
            for (PodSpec pod : pods) {
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                        .isEqualTo("RuntimeDefault");
                assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
                assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
                assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
                assertThat(pod.getVolumes())
                        .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
                for (Container c : pod.getContainers()) {
                    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
                            .isFalse();
                    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
                            .isTrue();
                    assertThat(c.getSecurityContext().getPrivileged()).isFalse();
                    assertThat(c.getSecurityContext().getCapabilities().getDrop())
                            .containsExactly("ALL");
                    assertThat(c.getSecurityContext().getCapabilities().getAdd())
                            .isNullOrEmpty();
                    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).containsKey("memory");
                    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
                    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
                    assertThat(c.getStartupProbe().getHttpGet().getPort().getStrVal())
                            .isEqualTo("metrics");
                    assertThat(c.getVolumeMounts())
                            .as("a writable /tmp on a read-only root")
                            .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                }
            }
        }
    }

    @Test
    void theDirectoryRoleReadsWhatTheSampleRbacReadsAndOnlyTheIngestAccountHoldsIt() throws IOException {
        JsonNode sample = null;
        for (JsonNode doc : YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(
                        Path.of("kubernetes", "tenancy-directory-rbac.yaml").toFile())
                .readAll()) {
            if ("ClusterRole".equals(doc.path("kind").asText())) {
                sample = doc;
            }
        }
        assertThat(sample).isNotNull();
        for (RenderedChart chart : List.of(defaults, full)) {
            ClusterRole role = chart.ofKind("ClusterRole").get(0).as(ClusterRole.class);
            assertThat(role.getRules()).extracting(PolicyRule::getVerbs).allSatisfy(v -> assertThat(v)
                    .containsExactly("get", "list", "watch"));
            JsonNode rendered = YAML.valueToTree(rulesAsMaps(role.getRules()));
            assertThat(rendered).isEqualTo(sample.get("rules"));
            assertThat(chart.ofKind("Role")).isEmpty();
            assertThat(chart.ofKind("ClusterRole")).hasSize(1);
        }
        ClusterRoleBinding binding = full.ofKind("ClusterRoleBinding").get(0).as(ClusterRoleBinding.class);
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(FULLNAME + "-ingest");
            assertThat(s.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        });
        assertThat(full.ofKind("ServiceAccount"))
                .extracting(o -> o.name() + "=" + o.as(ServiceAccount.class).getAutomountServiceAccountToken())
                .containsExactlyInAnyOrder(
                        FULLNAME + "-ingest=true", FULLNAME + "-detect=false", FULLNAME + "-alerting=false");

        RenderedChart noDirectory = RenderedChart.render(null, Map.of("tenancy.directory.enabled", "false"));
        assertThat(noDirectory.ofKind("ClusterRole")).isEmpty();
        assertThat(noDirectory.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(container(noDirectory
                                .ofKind("StatefulSet")
                                .get(0)
                                .as(StatefulSet.class)
                                .getSpec()
                                .getTemplate()
                                .getSpec())
                        .getArgs())
                .doesNotContain("--in-cluster");
        assertThat(noDirectory
                        .ofKind("ServiceAccount")
                        .get(0)
                        .as(ServiceAccount.class)
                        .getAutomountServiceAccountToken())
                .isFalse();
    }

    private static List<Map<String, Object>> rulesAsMaps(List<PolicyRule> rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PolicyRule r : rules) {
            out.add(Map.of("apiGroups", r.getApiGroups(), "resources", r.getResources(), "verbs", r.getVerbs()));
        }
        return out;
    }

    @Test
    void workloadIdentityMarksOnlyTheComponentThatReadsEventHubs() {
        ServiceAccount ingest = full.get("ServiceAccount", FULLNAME + "-ingest").as(ServiceAccount.class);
        assertThat(ingest.getMetadata().getAnnotations())
                .containsEntry("azure.workload.identity/client-id", "7d1f3c6e-2b4a-4c8d-9e0f-1a2b3c4d5e6f")
                .containsEntry("azure.workload.identity/tenant-id", "0e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9")
                .containsEntry("example.com/owner", "secops");
        for (String other : List.of("-detect", "-alerting")) {
            assertThat(full.get("ServiceAccount", FULLNAME + other)
                            .model()
                            .getMetadata()
                            .getAnnotations())
                    .containsEntry("example.com/owner", "secops")
                    .doesNotContainKey("azure.workload.identity/client-id");
        }
        assertThat(full.get("Deployment", FULLNAME + "-ingest")
                        .as(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsEntry("azure.workload.identity/use", "true");
        assertThat(full.get("Deployment", FULLNAME + "-alerting")
                        .as(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .doesNotContainKey("azure.workload.identity/use");
        assertThat(defaults.ofKind("ServiceAccount"))
                .allSatisfy(sa ->
                        assertThat(sa.model().getMetadata().getAnnotations()).isNullOrEmpty());
        assertThat(defaults.ofKind("StatefulSet")
                        .get(0)
                        .as(StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .doesNotContainKey("azure.workload.identity/use");
    }

    @Test
    void theIdentityAccountCanBeNamedForTheFederatedCredential() {
        RenderedChart named =
                RenderedChart.render(RenderedChart.FULL_VALUES, Map.of("serviceAccount.name", "tenantwatch"));
        assertThat(named.ofKind("ServiceAccount"))
                .extracting(RenderedChart.RenderedObject::name)
                .containsExactlyInAnyOrder("tenantwatch", FULLNAME + "-detect", FULLNAME + "-alerting");
        assertThat(named.get("Deployment", FULLNAME + "-ingest")
                        .as(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getServiceAccountName())
                .isEqualTo("tenantwatch");
        assertThat(named.ofKind("ClusterRoleBinding")
                        .get(0)
                        .as(ClusterRoleBinding.class)
                        .getSubjects()
                        .get(0)
                        .getName())
                .isEqualTo("tenantwatch");
    }

    @Test
    void theConfigMapsHoldTheValuesFilesAndThePodsMountThem() throws IOException {
        JsonNode values = YAML.readTree(RenderedChart.FULL_VALUES.toFile());
        assertThat(configFile(full, "-tenancy", "tenancy.yaml")).isEqualTo(values.at("/tenancy/file"));
        assertThat(configFile(full, "-detectors", "detectors.yaml")).isEqualTo(values.at("/detectors/config"));
        assertThat(configFile(full, "-routes", "routes.yaml")).isEqualTo(values.at("/alerting/routes"));
        assertThat(configFile(full, "-eventhubs", "eventhubs.yaml").get("hubs"))
                .isEqualTo(values.at("/eventHubs/hubs"));

        RenderedChart existing = RenderedChart.render(
                RenderedChart.FULL_VALUES,
                Map.of(
                        "tenancy.existingConfigMap",
                        "my-tenancy",
                        "detectors.existingConfigMap",
                        "my-detectors",
                        "alerting.existingConfigMap",
                        "my-routes"));
        assertThat(existing.ofKind("ConfigMap"))
                .extracting(RenderedChart.RenderedObject::name)
                .doesNotContain(FULLNAME + "-tenancy", FULLNAME + "-detectors", FULLNAME + "-routes");
        assertThat(existing.get("StatefulSet", FULLNAME + "-detect")
                        .as(StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes())
                .anySatisfy(v -> assertThat(
                                v.getConfigMap() == null
                                        ? null
                                        : v.getConfigMap().getName())
                        .isEqualTo("my-detectors"));
    }

    private static JsonNode configFile(RenderedChart chart, String suffix, String key) throws IOException {
        ConfigMap cm = chart.get("ConfigMap", FULLNAME + suffix).as(ConfigMap.class);
        return YAML.readTree(cm.getData().get(key));
    }

    @Test
    void theMonitoringObjectsCarryTheRulesFileAndTheDashboardsUnchanged() throws IOException {
        JsonNode rule = RenderedChart.render(null, Map.of("metrics.prometheusRule.create", "true"))
                .get("PrometheusRule", FULLNAME)
                .tree();
        JsonNode rulesFile =
                YAML.readTree(Path.of("helm", "tenantwatch", "files", "prometheus", "tenantwatch-rules.yaml")
                        .toFile());
        assertThat(rule.get("spec"))
                .as("no switch, no extra label: the file as it is")
                .isEqualTo(rulesFile);
        assertThat(full.get("PrometheusRule", FULLNAME)
                        .tree()
                        .at("/metadata/labels/release")
                        .asText())
                .isEqualTo("kube-prometheus-stack");

        JsonNode monitor = full.get("ServiceMonitor", FULLNAME).tree();
        Service metrics = full.get("Service", FULLNAME + "-metrics").as(Service.class);
        monitor.at("/spec/selector/matchLabels").properties().forEach(label -> assertThat(
                        metrics.getMetadata().getLabels())
                .containsEntry(label.getKey(), label.getValue().asText()));
        assertThat(monitor.at("/spec/endpoints/0/port").asText())
                .isEqualTo(metrics.getSpec().getPorts().get(0).getName());
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");

        List<RenderedChart.RenderedObject> dashboards = full.ofKind("ConfigMap").stream()
                .filter(o -> o.model().getMetadata().getLabels().containsKey("grafana_dashboard"))
                .toList();
        try (var files = Files.list(Path.of("helm", "tenantwatch", "files", "grafana"))) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(dashboards).hasSameSizeAs(json).hasSize(3);
            for (Path file : json) {
                String name = file.getFileName().toString();
                assertThat(dashboards).anySatisfy(d -> {
                    assertThat(d.model().getMetadata().getNamespace()).isEqualTo("monitoring");
                    assertThat(d.model().getMetadata().getAnnotations()).containsEntry("grafana_folder", "tenantwatch");
                    assertThat(d.as(ConfigMap.class).getData().get(name))
                            .isEqualTo(Files.readString(file).stripTrailing());
                });
            }
        }
    }

    @Test
    void theNetworkPolicyIsClosedByDefaultAndOpensOnlyToNamedPeers() {
        NetworkPolicy byDefault = defaults.ofKind("NetworkPolicy").get(0).as(NetworkPolicy.class);
        assertThat(byDefault.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(byDefault.getSpec().getIngress())
                .as("no rule for the receivers until senders are named; metrics from monitoring")
                .singleElement()
                .satisfies(rule -> {
                    assertThat(rule.getPorts())
                            .extracting(p -> p.getPort().getStrVal())
                            .containsExactly("metrics");
                    assertThat(rule.getFrom()).hasSize(2);
                    assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                            .containsEntry("kubernetes.io/metadata.name", "monitoring");
                    assertThat(rule.getFrom().get(1).getNamespaceSelector())
                            .as("the helm test pod, in the release namespace only")
                            .isNull();
                    assertThat(rule.getFrom().get(1).getPodSelector().getMatchLabels())
                            .containsEntry("app.kubernetes.io/component", "helm-test")
                            .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE);
                });

        NetworkPolicy named = full.ofKind("NetworkPolicy").get(0).as(NetworkPolicy.class);
        assertThat(named.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(named.getSpec().getIngress()).hasSize(2).allSatisfy(r -> assertThat(r.getFrom())
                .first()
                .satisfies(peer -> assertThat(peer.getNamespaceSelector()).isNotNull()));
        assertThat(named.getSpec().getEgress().get(0).getPorts())
                .extracting(p -> p.getPort().getIntVal())
                .containsOnly(53);

        NetworkPolicy anyone = RenderedChart.render(
                        null,
                        Map.of(
                                "networkPolicy.receiverFromAnyone",
                                "true",
                                "networkPolicy.metricsFrom",
                                "null",
                                "tests.enabled",
                                "false"))
                .ofKind("NetworkPolicy")
                .get(0)
                .as(NetworkPolicy.class);
        assertThat(anyone.getSpec().getIngress())
                .as("'anyone' is an explicit choice; an empty metricsFrom closes the metrics port")
                .singleElement()
                .satisfies(rule -> {
                    assertThat(rule.getPorts())
                            .extracting(p -> p.getPort().getStrVal())
                            .containsExactly("receiver");
                    assertThat(rule.getFrom()).isNullOrEmpty();
                });
    }

    @Test
    void theMetricsPortListensForPrometheusAndTheProbesAndAsksForTheTokenItIsGiven() {
        Container c = container(defaults.get("StatefulSet", FULLNAME)
                .as(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getSpec());
        assertThat(c.getArgs()).contains("--metrics-bind=0.0.0.0").noneMatch(a -> a.startsWith("--metrics-token-file"));

        RenderedChart withToken = RenderedChart.render(
                null,
                Map.of("metrics.auth.existingSecret", "tw-metrics-token", "metrics.serviceMonitor.create", "true"));
        PodSpec pod = withToken
                .get("StatefulSet", FULLNAME)
                .as(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(container(pod).getArgs())
                .contains("--metrics-token-file=/var/run/secrets/tenantwatch/metrics/tokens");
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName())
                .contains("tw-metrics-token");
        JsonNode endpoint = withToken
                .ofKind("ServiceMonitor")
                .get(0)
                .tree()
                .path("spec")
                .path("endpoints")
                .get(0);
        assertThat(endpoint.path("bearerTokenSecret").path("name").asText()).isEqualTo("tw-metrics-token");
        assertThat(endpoint.path("bearerTokenSecret").path("key").asText()).isEqualTo("token");
    }

    static Container container(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }

    static List<PodSpec> podSpecs(RenderedChart chart) {
        List<PodSpec> pods = new ArrayList<>();
        chart.ofKind("Deployment")
                .forEach(o ->
                        pods.add(o.as(Deployment.class).getSpec().getTemplate().getSpec()));
        chart.ofKind("StatefulSet")
                .forEach(o ->
                        pods.add(o.as(StatefulSet.class).getSpec().getTemplate().getSpec()));
        return pods;
    }
}
