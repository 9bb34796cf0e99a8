package io.tenantwatch.detectors.controlplane;

import static io.tenantwatch.detectors.controlplane.PodSecurityViolation.AUDIT_VIOLATIONS;
import static io.tenantwatch.detectors.testing.ControlPlaneEvents.RESTRICTED_VIOLATIONS;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class PodSecurityViolationTest {

    private static final String ID = "pod-security-violation";
    private static final String ENFORCE_POLICY = "pod-security.kubernetes.io/enforce-policy";

    @Test
    void aDeploymentBreakingTheAuditLevelIsRaisedWithTheViolations() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(ALICE)
                        .create("deployments", "alpha-prod", "web")
                        .annotation(ENFORCE_POLICY, "baseline:latest")
                        .annotation(AUDIT_VIOLATIONS, RESTRICTED_VIOLATIONS)
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .startsWith(
                        "alice@contoso.com (tenant alpha) created deployments/web in namespace alpha-prod "
                                + "of tenant alpha: would violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false");
        assertThat(alert.summary()).endsWith(": " + Phrases.inline(RESTRICTED_VIOLATIONS));
        assertThat(alert.evidence().details())
                .containsExactly("violations: " + RESTRICTED_VIOLATIONS, "enforce policy: baseline:latest");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Defense Evasion", "T1610 Deploy Container"));
    }

    @Test
    void theSameDeploymentWithoutTheAnnotationIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("deployments", "alpha-prod", "web")
                                .annotation(ENFORCE_POLICY, "baseline:latest")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("deployments", "alpha-prod", "web")
                                .annotation(AUDIT_VIOLATIONS, "")
                                .build()))
                .isEmpty();
    }

    @Test
    void aBarePodIsRaised() {
        String violation =
                "would violate PodSecurity \"baseline:latest\": privileged (container \"debug\" must not set "
                        + "securityContext.privileged=true)";
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(DAVE)
                        .create("pods", "beta-prod", "debug")
                        .annotation(AUDIT_VIOLATIONS, violation)
                        .build());

        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) created pods/debug in namespace beta-prod of "
                        + "tenant beta: " + violation);
        assertThat(alert.evidence().details()).containsExactly("violations: " + violation);
    }

    @Test
    void thePodsAControllerCreatesFromTheTemplateAreQuiet() {
        // the tenant's Deployment write raised; each replica the replicaset controller creates would repeat it
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(REPLICASET_CONTROLLER)
                                .create("pods", "alpha-prod", null)
                                .annotation(AUDIT_VIOLATIONS, RESTRICTED_VIOLATIONS)
                                .build()))
                .isEmpty();
    }

    @Test
    void aRequestEnforceRefusedIsQuiet() {
        // RBAC allowed it, Pod Security admission refused it: 403, nothing was created
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .create("pods", "alpha-prod", "debug")
                                .annotation(AUDIT_VIOLATIONS, RESTRICTED_VIOLATIONS)
                                .code(403)
                                .build()))
                .isEmpty();
    }

    @Test
    void everyPodSpecSourceIsExaminedAndNothingElse() {
        for (String resource : new String[] {
            "pods",
            "podtemplates",
            "replicationcontrollers",
            "replicasets",
            "deployments",
            "statefulsets",
            "daemonsets",
            "jobs",
            "cronjobs"
        }) {
            assertThat(Detect.raisedBy(
                            ID,
                            ControlPlaneEvents.by(ALICE)
                                    .update(resource, "alpha-prod", "web")
                                    .annotation(AUDIT_VIOLATIONS, RESTRICTED_VIOLATIONS)
                                    .build()))
                    .as(resource)
                    .hasSize(1);
        }
        assertThat(Detect.examinedBy(ControlPlaneEvents.by(ALICE)
                        .update("configmaps", "alpha-prod", "web")
                        .annotation(AUDIT_VIOLATIONS, RESTRICTED_VIOLATIONS)
                        .build()))
                .doesNotContain(ID);
    }
}
