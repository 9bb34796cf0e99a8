package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.DetectorConfigLoader;
import io.tenantwatch.ingest.tenancy.TenancyFileLoader;
import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The values file that docs/install-aks.md tells users to write installs: the chart renders it, and
 * the tenancy and detector files it puts in ConfigMaps are files tenantwatch accepts. A renamed
 * chart value, or a detector parameter the guide misspells, fails here rather than on a cluster.
 */
class InstallGuideValuesTest {

    private static final Path GUIDE = RepositoryFiles.file("docs/install-aks.md");
    private static final Pattern VARIABLE = Pattern.compile("(?m)^([A-Z_]+)=(\\S+)\\s");
    private static final Pattern VALUES_FILE =
            Pattern.compile("cat > aks-values\\.yaml <<EOF\\n(.*?)\\nEOF\\n", Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FULLNAME = RenderedChart.RELEASE + "-tenantwatch";

    @Test
    void theGuidesValuesRenderIntoFilesTenantwatchAccepts(@TempDir Path dir) throws Exception {
        Path values = dir.resolve("aks-values.yaml");
        Files.writeString(values, guideValues());

        RenderedChart chart = RenderedChart.render(values, Map.of());

        String detectors = configFile(chart, "-detectors", "detectors.yaml");
        new DetectorConfigLoader(BuiltInDetectors.definitions()).parse("detectors.yaml", detectors);
        JsonNode ranges = YAML.readTree(detectors).at("/detectors/token-reuse/clusterRanges");
        assertThat(ranges.isArray())
                .as("the YAML anchor is resolved into a list: " + detectors)
                .isTrue();
        assertThat(ranges).isEqualTo(YAML.readTree(detectors).at("/detectors/credential-from-outside/clusterRanges"));

        new TenancyFileLoader().parse("tenancy.yaml", configFile(chart, "-tenancy", "tenancy.yaml"));

        JsonNode hubs =
                YAML.readTree(configFile(chart, "-eventhubs", "eventhubs.yaml")).get("hubs");
        assertThat(hubs).hasSize(2);
        assertThat(hubs.get(1).get("cluster").asText()).isEqualTo("aks-prod");
    }

    /** The guide's heredoc, with the shell variables it sets (and the identities it looks up) filled in. */
    private static String guideValues() throws IOException {
        String guide = Files.readString(GUIDE);
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher variable = VARIABLE.matcher(guide);
        while (variable.find()) {
            variables.put(variable.group(1), variable.group(2));
        }
        variables.put("TW_CLIENT_ID", "00000000-0000-0000-0000-000000000001");
        // The one placeholder a user must fill in by hand: the cluster's outbound address.
        variables.put("<egress IP>", "20.50.1.2");
        Matcher heredoc = VALUES_FILE.matcher(guide);
        assertThat(heredoc.find())
                .as("a 'cat > aks-values.yaml <<EOF' block in " + GUIDE)
                .isTrue();
        String text = heredoc.group(1);
        for (Map.Entry<String, String> v : variables.entrySet()) {
            String name = v.getKey().startsWith("<") ? v.getKey() : "$" + v.getKey();
            text = text.replace(name, v.getValue());
        }
        assertThat(text)
                .as("every variable of the values file is set in the guide")
                .doesNotContain("$");
        return text;
    }

    private static String configFile(RenderedChart chart, String suffix, String key) {
        return chart.get("ConfigMap", FULLNAME + suffix)
                .as(ConfigMap.class)
                .getData()
                .get(key);
    }
}
