package io.tenantwatch.detectors.crosstenant;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class UnmappedNamespaceTest {

    private final UnmappedNamespace detector = new UnmappedNamespace();

    @Test
    void activityInANamespaceNoTenantOwnsIsReportedOncePerNamespace() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(DAVE)
                        .create("deployments", "shadow-it", "miner")
                        .code(201)
                        .build());
        assertThat(alert.detector()).isEqualTo("unmapped-namespace");
        assertThat(alert.severity()).isEqualTo(Severity.INFO);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isEqualTo("shadow-it");
        assertThat(alert.summary())
                .startsWith("namespace shadow-it belongs to no tenant and is not a platform namespace");
        assertThat(detector.oncePer()).hasHours(1);

        Alert later = Detect.single(
                detector,
                AuditEvents.by(ALICE).get("configmaps", "shadow-it", "x").build());
        assertThat(later.fingerprint())
                .as("one finding per namespace, whoever acts")
                .isEqualTo(alert.fingerprint());
        Alert falco = Detect.single(
                detector, FalcoEvents.terminalShell("shadow-it", "miner-1").build());
        assertThat(falco.fingerprint()).isEqualTo(alert.fingerprint());
    }

    @Test
    void tenantAndPlatformNamespacesAndClusterScopeStayQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .get("configmaps", "alpha-prod", "x")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .get("configmaps", "kube-system", "x")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .get("configmaps", "monitoring", "x")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .get("nodes", null, "aks-nodepool1-0")
                                .build()))
                .isEmpty();
    }
}
