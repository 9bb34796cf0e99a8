package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tenantwatch.testkit.process.Promtool;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The health rules pass promtool's checks and their unit tests, and every rule is unit-tested. */
class PrometheusRulesTest {

    static final Path RULES = Path.of("helm", "tenantwatch", "files", "prometheus", "tenantwatch-rules.yaml");
    static final Path RULE_TESTS = Path.of("prometheus", "tenantwatch-rules.test.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void promtoolChecksTheRulesFile() throws Exception {
        Promtool.Run run = Promtool.run(Path.of("."), "check", "rules", RULES.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void promtoolRunsTheRulesUnitTests() throws Exception {
        Promtool.Run run = Promtool.run(
                RULE_TESTS.getParent(),
                "test",
                "rules",
                RULE_TESTS.getFileName().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsUnitTestedFiringAndEveryOneHasASeverityAndAnExplanation() throws Exception {
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                String name = rule.path("alert").asText();
                alerts.add(name);
                assertThat(rule.at("/labels/severity").asText()).as(name).isIn("critical", "warning", "info");
                assertThat(rule.at("/annotations/summary").asText()).as(name).isNotBlank();
                assertThat(rule.at("/annotations/description").asText())
                        .as(name)
                        .isNotBlank();
            }
        }
        Set<String> firing = new HashSet<>();
        for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).get("tests")) {
            for (JsonNode check : test.get("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firing.add(check.get("alertname").asText());
                }
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
        assertThat(firing).as("alerts with a test where they fire").containsExactlyInAnyOrderElementsOf(alerts);
    }
}
