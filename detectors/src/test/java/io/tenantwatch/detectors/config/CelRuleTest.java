package io.tenantwatch.detectors.config;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.stateful.StatefulDetectors;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators' CEL rules: compiled once, dispatched by resource, raising contract alerts. */
class CelRuleTest {

    private static final String RULES = """
            rules:
              - id: prod-configmap-deleted
                severity: high
                title: ConfigMap deleted in a production namespace
                mitre: {tactic: Impact, technique: "T1485 Data Destruction"}
                resources: [configmaps]
                verbs: [delete]
                expression: >
                  event.namespace.endsWith("-prod") && event.actor["class"] == "tenant-member"
                  && event.actor.groups.exists(g, g != "system:masters")
            """;

    private static List<Alert> detect(String yaml, NormalizedEvent event) throws ConfigException {
        DetectorConfig config = new DetectorConfigLoader(BuiltInDetectors.definitions()).parse("detectors.yaml", yaml);
        List<Alert> alerts = new ArrayList<>();
        ConfiguredDetectors.build(BuiltInDetectors.definitions(), config)
                .detect(new EventContext(event), DetectionListener.NONE, alerts::add);
        // Group F's per-event observations feed the topology's windows; they are not alerts.
        alerts.removeIf(alert -> StatefulDetectors.isObservation(alert.detector()));
        return alerts;
    }

    @Test
    void aMatchingEventRaisesTheRuleAsAContractAlert() throws Exception {
        List<Alert> alerts = detect(
                RULES,
                AuditEvents.by(ALICE)
                        .delete("configmaps", "alpha-prod", "web-settings")
                        .build());
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("prod-configmap-deleted");
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.title()).isEqualTo("ConfigMap deleted in a production namespace");
            assertThat(alert.summary()).startsWith("ConfigMap deleted in a production namespace: alice@contoso.com");
            assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Impact", "T1485 Data Destruction"));
            assertThat(ContractSchemas.ALERT.problems(alert)).isEmpty();
        });
    }

    @Test
    void eventsOutsideItsResourcesVerbsOrExpressionStayQuiet() throws Exception {
        assertThat(detect(
                        RULES,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "alpha-prod", "web-settings")
                                .build()))
                .isEmpty();
        assertThat(detect(
                        RULES,
                        AuditEvents.by(ALICE)
                                .delete("configmaps", "alpha-dev", "web-settings")
                                .build()))
                .isEmpty();
        assertThat(detect(
                        RULES,
                        AuditEvents.by(ALICE)
                                .delete("secrets", "alpha-prod", "web-settings")
                                .build()))
                .extracting(Alert::detector)
                .doesNotContain("prod-configmap-deleted");
    }

    @Test
    void factsAndHasAreAvailableToExpressions() throws Exception {
        String yaml = """
                rules:
                  - id: no-pod-spec-on-configmaps
                    severity: low
                    title: ConfigMap write without pod facts
                    resources: [configmaps]
                    expression: '!has(event.facts.podSpec) && has(event.resource.name) && event.code == 200'
                """;
        assertThat(detect(
                        yaml,
                        AuditEvents.by(BOB)
                                .update("configmaps", "beta-prod", "settings")
                                .build()))
                .extracting(Alert::detector)
                .containsExactly("no-pod-spec-on-configmaps");
    }

    @Test
    void aTenantCanSwitchACustomRuleOff() throws Exception {
        String yaml = RULES + "tenants: {alpha: {detectors: {prod-configmap-deleted: {enabled: false}}}}\n";
        assertThat(detect(
                        yaml,
                        AuditEvents.by(ALICE)
                                .delete("configmaps", "alpha-prod", "web-settings")
                                .build()))
                .isEmpty();
    }

    @Test
    void rulesThatCannotWorkAreLoadErrorsWithTheirPosition() {
        String yaml = """
                rules:
                  - id: pod-exec
                    severity: high
                    title: shadows the catalogue
                    resources: [pods]
                    expression: "true"
                  - id: Bad_Id
                    severity: urgent
                    title: ""
                    resources: []
                    expression: event.code + 1
                  - id: broken
                    severity: low
                    title: broken
                    resources: [pods]
                    expression: event.actor.username.startsWith(
                """;
        try {
            new DetectorConfigLoader(BuiltInDetectors.definitions()).parse("detectors.yaml", yaml);
            throw new AssertionError("expected problems");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                            "detectors.yaml: rules[pod-exec].id: 'pod-exec' is a catalogue id; a custom rule needs an id of its own",
                            "detectors.yaml: rules[Bad_Id].id: 'Bad_Id' is not an id (lower-case words joined by '-')",
                            "detectors.yaml: rules[Bad_Id].severity: 'urgent' is not a severity (critical, high, medium, low, info)",
                            "detectors.yaml: rules[Bad_Id].title: a rule needs a title an analyst reads",
                            "detectors.yaml: rules[Bad_Id].resources: name the resources it applies to (e.g. [configmaps]); they decide which events it sees",
                            "detectors.yaml: rules[Bad_Id].expression: does not compile at 1:12: expected type 'bool' but found 'int'",
                            "detectors.yaml: rules[broken].expression: does not compile at 1:33: mismatched input '<EOF>' expecting "
                                    + "{'[', '{', '(', ')', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}");
        }
    }
}
