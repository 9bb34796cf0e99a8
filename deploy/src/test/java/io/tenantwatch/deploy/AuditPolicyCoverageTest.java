package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.config.DetectorDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/README.md says which detectors need object bodies on which resources; the
 * recommended audit policy must log exactly those writes at that level (first matching rule wins,
 * as in the API server), and the table names only real detectors.
 */
class AuditPolicyCoverageTest {

    private static final Path TABLE = Path.of("kubernetes", "README.md");
    private static final Path POLICY = Path.of("kubernetes", "audit-policy.yaml");
    private static final List<String> LEVELS = List.of("None", "Metadata", "Request", "RequestResponse");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    record Row(List<String> detectors, String level, List<String> resources) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            String[] cells = line.split("\\|");
            if (cells.length < 5 || !cells[1].contains("`")) {
                continue;
            }
            rows.add(new Row(codes(cells[1]), cells[2].strip(), codes(cells[3])));
        }
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The level of the first rule that matches a request by an ordinary user, as the API server decides. */
    static String levelFor(JsonNode policy, String verb, String group, String resource) {
        for (JsonNode rule : policy.get("rules")) {
            if (rule.has("users") || rule.has("userGroups") || rule.has("nonResourceURLs") || rule.has("namespaces")) {
                continue;
            }
            if (rule.has("verbs") && !contains(rule.get("verbs"), verb)) {
                continue;
            }
            if (rule.has("resources") && !matchesResource(rule.get("resources"), group, resource)) {
                continue;
            }
            return rule.get("level").asText();
        }
        return "None";
    }

    private static boolean matchesResource(JsonNode kinds, String group, String resource) {
        for (JsonNode kind : kinds) {
            if (!kind.path("group").asText("").equals(group)) {
                continue;
            }
            if (!kind.has("resources") || contains(kind.get("resources"), resource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value) || item.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void thePolicyLogsEveryWriteTheTableNamesAtTheLevelItNames() throws IOException {
        JsonNode policy = new ObjectMapper(new YAMLFactory()).readTree(POLICY.toFile());
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6);
        for (Row row : rows) {
            assertThat(LEVELS).as(row.detectors().toString()).contains(row.level());
            assertThat(row.resources()).as(row.detectors().toString()).isNotEmpty();
            for (String qualified : row.resources()) {
                int slash = qualified.indexOf('/');
                String group = slash < 0 ? "" : qualified.substring(0, slash);
                String resource = qualified.substring(slash + 1);
                for (String verb : List.of("create", "update", "patch")) {
                    assertThat(LEVELS.indexOf(levelFor(policy, verb, group, resource)))
                            .as(verb + " " + qualified + " for " + row.detectors())
                            .isGreaterThanOrEqualTo(LEVELS.indexOf(row.level()));
                }
            }
        }
        assertThat(levelFor(policy, "create", "", "secrets"))
                .as("secret bodies are credentials")
                .isEqualTo("Metadata");
        assertThat(levelFor(policy, "get", "", "secrets"))
                .as("reads are what cross-tenant-secret-access sees")
                .isEqualTo("Metadata");
        assertThat(levelFor(policy, "list", "", "pods")).isEqualTo("Metadata");
    }

    @Test
    void theTableNamesRealDetectorsAndEveryPodSpecDetector() throws IOException {
        Set<String> catalogue = BuiltInDetectors.definitions().stream()
                .map(DetectorDefinition::id)
                .collect(Collectors.toSet());
        List<String> named =
                rows().stream().flatMap(r -> r.detectors().stream()).toList();
        assertThat(catalogue).containsAll(named);
        assertThat(named)
                .contains(
                        "privileged-container",
                        "sensitive-host-mount",
                        "host-namespace-sharing",
                        "dangerous-capabilities",
                        "cluster-admin-binding",
                        "wildcard-role",
                        "sensitive-role",
                        "service-exposed",
                        "configmap-credentials",
                        "tenant-boundary-change");
    }
}
