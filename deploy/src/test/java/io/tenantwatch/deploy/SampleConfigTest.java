package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.tenantwatch.testkit.process.Promtool;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples work as shipped: the audit policy keeps its promises, the API server's webhook names an
 * address it can reach, falcosidekick speaks the chart's default protocol with a token from a Secret,
 * and the Managed Prometheus scrape job is valid and finds the chart's pods.
 */
class SampleConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String RECEIVERS = RenderedChart.RELEASE + "-tenantwatch";

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(Path.of(file).toFile());
    }

    @Test
    void theAuditPolicyLogsSecretsAtMetadataBeforeAnyRuleThatCouldLogTheirBodies() throws IOException {
        JsonNode policy = read("kubernetes/audit-policy.yaml");
        assertThat(policy.get("kind").asText()).isEqualTo("Policy");
        assertThat(policy.get("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
        assertThat(policy.get("omitStages").toString()).contains("RequestReceived");

        JsonNode rules = policy.get("rules");
        int secretsRule = -1;
        int firstBodyRule = -1;
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String level = rule.get("level").asText();
            if (secretsRule < 0 && rule.toString().contains("\"secrets\"")) {
                secretsRule = i;
                assertThat(level).isEqualTo("Metadata");
            }
            if (firstBodyRule < 0 && (level.equals("Request") || level.equals("RequestResponse"))) {
                firstBodyRule = i;
            }
        }
        assertThat(secretsRule).isGreaterThanOrEqualTo(0).isLessThan(firstBodyRule);
        assertThat(rules.get(rules.size() - 1).get("level").asText())
                .as("catch-all")
                .isEqualTo("Metadata");
        assertThat(rules.get(rules.size() - 1).has("resources")).isFalse();
    }

    @Test
    void theAuditPolicyKeepsPodWritesAtRequestResponseForTheWorkloadDetectors() throws IOException {
        JsonNode rules = read("kubernetes/audit-policy.yaml").get("rules");
        boolean podsWithBodies = false;
        for (JsonNode rule : rules) {
            if (rule.get("level").asText().equals("RequestResponse")
                    && rule.toString().contains("\"pods\"")
                    && rule.toString().contains("deployments")
                    && rule.toString().contains("clusterrolebindings")) {
                podsWithBodies = true;
            }
        }
        assertThat(podsWithBodies).isTrue();
    }

    @Test
    void theWebhookKubeconfigNamesAnAddressTheApiServerReachesAndTheChartValuesPutTheReceiversThere()
            throws IOException {
        JsonNode config = read("kubernetes/audit-webhook-kubeconfig.yaml");
        URI server = URI.create(config.at("/clusters/0/cluster/server").asText());
        assertThat(server.getScheme()).as("the token travels with every batch").isEqualTo("https");
        assertThat(server.getPath()).startsWith("/v1/audit/");
        assertThat(server.getHost())
                .as("the API server does not use cluster DNS: an address, not a *.svc name")
                .matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(config.at("/users/0/user/token").asText()).isEqualTo("TOKEN");
        assertThat(config.at("/clusters/0/cluster/certificate-authority").asText())
                .isNotBlank();

        Path values = Path.of("kubernetes", "audit-webhook-values.yaml");
        assertThat(read(values.toString()).at("/receiver/service/clusterIP").asText())
                .isEqualTo(server.getHost());
        RenderedChart chart = RenderedChart.render(values, Map.of());
        Service receivers = chart.get("Service", RECEIVERS).as(Service.class);
        assertThat(receivers.getSpec().getClusterIP()).isEqualTo(server.getHost());
        assertThat(receivers.getSpec().getPorts().get(0).getPort()).isEqualTo(server.getPort());
        Container c = HelmChartTest.container(chart.get("StatefulSet", RECEIVERS)
                .as(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getSpec());
        assertThat(c.getArgs())
                .as("https needs the receivers' TLS")
                .contains("--tls-cert=/var/run/secrets/tenantwatch/tls/tls.crt");
        assertThat(chart.ofKind("NetworkPolicy")
                        .get(0)
                        .as(NetworkPolicy.class)
                        .getSpec()
                        .getIngress())
                .as("the API server's nodes may post")
                .anySatisfy(rule -> assertThat(rule.getFrom())
                        .anySatisfy(peer -> assertThat(peer.getIpBlock()).isNotNull()));
    }

    @Test
    void falcosidekickSpeaksPlainHttpToTheChartsDefaultReceiversWithTheTokenFromASecret() throws IOException {
        JsonNode values = read("falco/falcosidekick-webhook-values.yaml");
        assertThat(values.at("/falco/json_output").asBoolean()).isTrue();
        URI address =
                URI.create(values.at("/falcosidekick/config/webhook/address").asText());
        assertThat(address.getPath()).startsWith("/v1/falco/");

        // The chart's defaults, release "tenantwatch" in namespace "tenantwatch": plain HTTP.
        JsonNode chartValues = read("helm/tenantwatch/values.yaml");
        assertThat(chartValues.at("/receiver/tls/secretName").asText()).isEmpty();
        assertThat(address.getScheme()).isEqualTo("http");
        assertThat(address.getHost()).isEqualTo("tenantwatch.tenantwatch.svc");
        assertThat(address.getPort()).isEqualTo(chartValues.at("/receiver/port").asInt());
        String manifest = new Helm(RenderedChart.CHART)
                .template()
                .withName("tenantwatch")
                .withNamespace("tenantwatch")
                .withKubeVersion(RenderedChart.KUBE_VERSION)
                .call();
        assertThat(RenderedChart.parse(manifest).find("Service", "tenantwatch"))
                .as("the Service the address names")
                .isPresent();

        assertThat(values.at("/falcosidekick/config/webhook/customHeaders").asText())
                .as("no token in Helm values")
                .isEmpty();
        JsonNode header = values.at("/falcosidekick/config/extraEnv/0");
        assertThat(header.get("name").asText()).isEqualTo("WEBHOOK_CUSTOMHEADERS");
        assertThat(header.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
        assertThat(header.has("value")).isFalse();
        assertThat(values.toString()).doesNotContain("Bearer");
    }

    @Test
    void theManagedPrometheusScrapeConfigIsValidAndKeepsTheChartsMetricsPorts(@TempDir Path dir) throws Exception {
        JsonNode configMap = read("azure/ama-metrics-prometheus-config.yaml");
        assertThat(configMap.at("/metadata/name").asText()).isEqualTo("ama-metrics-prometheus-config");
        assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("kube-system");
        String prometheusConfig = configMap.at("/data/prometheus-config").asText();
        JsonNode job = YAML.readTree(prometheusConfig).at("/scrape_configs/0");
        JsonNode discovery = job.at("/kubernetes_sd_configs/0");
        assertThat(discovery.get("role").asText()).isEqualTo("pod");
        assertThat(discovery.at("/namespaces/names").toString()).contains("tenantwatch");

        // Debian's promtool is built without Kubernetes discovery: it checks the rest of the job
        // (intervals, relabelings) with the discovery swapped for a file, the shape checked above.
        ObjectNode checkable = (ObjectNode) YAML.readTree(prometheusConfig);
        ObjectNode checkableJob = (ObjectNode) checkable.at("/scrape_configs/0");
        checkableJob.remove("kubernetes_sd_configs");
        checkableJob.putArray("file_sd_configs").addObject().putArray("files").add("targets.json");
        Path file = dir.resolve("prometheus.yml");
        YAML.writeValue(file.toFile(), checkable);
        Promtool.Run run = Promtool.run(
                dir, "check", "config", "--syntax-only", file.getFileName().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();

        assertThat(job.get("job_name").asText()).isEqualTo("tenantwatch");
        JsonNode keep = job.at("/relabel_configs/0");
        assertThat(keep.get("action").asText()).isEqualTo("keep");
        // What the keep rule compares, taken from the rendered chart: the pods' name label and port name.
        StatefulSet sts = RenderedChart.defaults().get("StatefulSet", RECEIVERS).as(StatefulSet.class);
        String name = sts.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name");
        String port = HelmChartTest.container(sts.getSpec().getTemplate().getSpec()).getPorts().stream()
                .filter(p -> p.getContainerPort().equals(9400))
                .findFirst()
                .orElseThrow()
                .getName();
        assertThat(name + ";" + port).matches(keep.get("regex").asText());
        assertThat("other-app;metrics").doesNotMatch(keep.get("regex").asText());
        assertThat(job.get("relabel_configs").toString()).contains("\"target_label\":\"pod\"");
    }
}
