package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * values.schema.json makes Helm refuse what the chart would silently ignore: a misspelt key, a value
 * of the wrong type. The schema and values.yaml declare the same keys.
 */
class ValuesSchemaTest {

    static final Path SCHEMA = RenderedChart.CHART.resolve("values.schema.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMisspeltKeyFailsTheRenderNamingIt(@TempDir Path dir) throws IOException {
        Path typo = dir.resolve("values.yaml");
        Files.writeString(typo, """
                eventhubs:
                  hubs:
                    - {kind: audit, namespace: contoso.servicebus.windows.net, hub: aks-audit}
                """);
        assertThatThrownBy(() -> RenderedChart.render(typo, Map.of()))
                .hasMessageContaining("eventhubs")
                .hasMessageContaining("additional properties");

        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("receiver.tls.secretname", "tw-tls")))
                .as("nested keys too")
                .hasMessageContaining("secretname");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("ingest.extraenv[0].name", "X")))
                .as("per component")
                .hasMessageContaining("extraenv");
        Path hubTypo = dir.resolve("hub.yaml");
        Files.writeString(hubTypo, """
                eventHubs:
                  hubs:
                    - {kind: audit, namespace: contoso.servicebus.windows.net, hub: aks-audit, consumergroup: tw}
                """);
        assertThatThrownBy(() -> RenderedChart.render(hubTypo, Map.of()))
                .as("a hub's keys are tenantwatch's, so they are checked too")
                .hasMessageContaining("consumergroup");
    }

    @Test
    void aValueOfTheWrongKindFailsTheRender() {
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("receiver.service.type", "Public")))
                .hasMessageContaining("/receiver/service/type");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("metrics.serviceMonitor.create", "maybe")))
                .hasMessageContaining("/metrics/serviceMonitor/create");
        assertThatThrownBy(() -> RenderedChart.render(null, Map.of("detectors.streamThreads", "0")))
                .hasMessageContaining("/detectors/streamThreads");
    }

    @Test
    void lintRefusesAChartWhoseOwnValuesBreakTheSchema(@TempDir Path dir) throws IOException {
        Path copy = RenderedChart.copyChart(dir);
        Files.writeString(
                copy.resolve("values.yaml"),
                Files.readString(copy.resolve("values.yaml")) + "\neventhubs:\n  hubs: []\n");
        LintResult lint = new Helm(copy).lint().call();
        assertThat(lint.isFailed()).as(lint.getMessages().toString()).isTrue();
        assertThat(lint.getMessages().toString()).contains("eventhubs");
    }

    @Test
    void theSchemaAndValuesYamlDeclareTheSameKeys() throws IOException {
        JsonNode schema = JSON.readTree(SCHEMA.toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        Set<String> inValues = new TreeSet<>();
        keys("", YAML.readTree(ValuesTableTest.VALUES.toFile()), inValues);
        Set<String> inSchema = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        schemaKeys("", schema, inSchema, open);
        assertThat(inSchema).as("declared by the schema, not in values.yaml").isSubsetOf(inValues);
        assertThat(inValues)
                .filteredOn(key -> open.stream().noneMatch(o -> key.startsWith(o + ".")))
                .as("in values.yaml, not declared by the schema")
                .isSubsetOf(inSchema);
        assertThat(open).as("maps the schema leaves open").contains("tenancy.file", "allInOne.resources");
    }

    /** Every key path of values.yaml, not descending into maps that are empty (free-form by default). */
    private static void keys(String prefix, JsonNode map, Set<String> out) {
        map.fields().forEachRemaining(f -> {
            out.add(prefix + f.getKey());
            if (f.getValue().isObject()) {
                keys(prefix + f.getKey() + ".", f.getValue(), out);
            }
        });
    }

    /**
     * Every property path the schema fixes, and in {@code open} the maps it leaves open (resources,
     * labels, the tenancy file): their keys in values.yaml are examples the schema need not name.
     */
    private static void schemaKeys(String prefix, JsonNode schema, Set<String> out, Set<String> open) {
        schema.path("properties").fields().forEachRemaining(f -> {
            out.add(prefix + f.getKey());
            JsonNode child = f.getValue();
            if (child.path("type").asText().equals("object") && !child.has("properties")) {
                open.add(prefix + f.getKey());
            }
            schemaKeys(prefix + f.getKey() + ".", child, out, open);
        });
    }
}
