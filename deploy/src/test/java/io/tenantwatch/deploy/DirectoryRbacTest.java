package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tenancy directory's RBAC reads exactly the kinds the directory watches, and writes nothing. */
class DirectoryRbacTest {

    private static final Path RBAC = Path.of("kubernetes", "tenancy-directory-rbac.yaml");

    @Test
    void theClusterRoleIsReadOnlyOnNamespacesCapsuleTenantsAndHncHierarchies() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(RBAC.toFile())) {
            it.forEachRemaining(docs::add);
        }
        JsonNode role = docs.stream()
                .filter(d -> "ClusterRole".equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow();

        List<String> granted = new ArrayList<>();
        for (JsonNode rule : role.get("rules")) {
            assertThat(rule.get("verbs"))
                    .extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("get", "list", "watch");
            for (JsonNode group : rule.get("apiGroups")) {
                for (JsonNode resource : rule.get("resources")) {
                    granted.add(group.asText() + "/" + resource.asText());
                }
            }
        }
        assertThat(granted)
                .containsExactlyInAnyOrder(
                        "/namespaces", "capsule.clastix.io/tenants", "hnc.x-k8s.io/hierarchyconfigurations");
        assertThat(docs).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("ClusterRoleBinding");
            assertThat(d.path("roleRef").path("name").asText()).isEqualTo("tenantwatch-directory");
        });
    }
}
