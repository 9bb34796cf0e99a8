package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample cluster configuration parses and keeps the promises its comments make. */
class SampleConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
    void theWebhookKubeconfigPointsAtTheAuditReceiverWithAPlaceholderToken() throws IOException {
        JsonNode config = read("kubernetes/audit-webhook-kubeconfig.yaml");
        assertThat(config.at("/clusters/0/cluster/server").asText())
                .startsWith("https://")
                .contains("/v1/audit/");
        assertThat(config.at("/users/0/user/token").asText()).isEqualTo("TOKEN");
    }

    @Test
    void falcosidekickSendsToTheFalcoReceiverAndTheFileHoldsNoToken() throws IOException {
        JsonNode values = read("falco/falcosidekick-webhook-values.yaml");
        assertThat(values.at("/falco/json_output").asBoolean()).isTrue();
        assertThat(values.at("/falcosidekick/config/webhook/address").asText()).contains("/v1/falco/");
        assertThat(values.at("/falcosidekick/config/webhook/customHeaders").asText())
                .isEmpty();
    }
}
