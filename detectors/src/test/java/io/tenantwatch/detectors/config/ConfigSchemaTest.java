package io.tenantwatch.detectors.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.testkit.RepositoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/detectors.schema.json, for editors: in step with the registry, and agreeing with the loader. */
class ConfigSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final String rendered = ConfigSchema.render(BuiltInDetectors.definitions());
    private final JsonSchema schema =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(rendered);

    @Test
    void theCommittedSchemaMatchesTheRegistry() throws Exception {
        Path file = RepositoryFiles.file("docs/detectors.schema.json");
        assertThat(Files.exists(file))
                .as("run: ./tenantwatch rules schema > docs/detectors.schema.json")
                .isTrue();
        assertThat(Files.readString(file))
                .as(
                        "docs/detectors.schema.json is out of date; run: ./tenantwatch rules schema > docs/detectors.schema.json")
                .isEqualTo(rendered);
    }

    @Test
    void aFileTheLoaderAcceptsIsValidAndTyposAreCaught() throws Exception {
        String good = """
                detectors:
                  pod-exec: {severity: high, includeOwnTenant: true}
                  sensitive-host-mount: {paths: ["/", "/etc"]}
                exceptions:
                  - detector: [pod-exec]
                    reason: on-call
                    group: sre
                tenants:
                  alpha: {exceptions: [{detector: "*", reason: load tests, actor: "system:serviceaccount:alpha-load:*"}]}
                rules:
                  - {id: my-rule, severity: low, title: Mine, resources: [pods], expression: "true"}
                """;
        new DetectorConfigLoader(BuiltInDetectors.definitions()).parse("detectors.yaml", good);
        assertThat(schema.validate(YAML.readTree(good))).isEmpty();

        JsonNode typo = YAML.readTree("detectors:\n  pod-exec: {includeOwnTennant: true}\n  pod-exek: {}\n");
        assertThat(schema.validate(typo)).hasSize(2);
    }
}
