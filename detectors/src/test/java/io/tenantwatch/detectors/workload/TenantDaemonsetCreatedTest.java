package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class TenantDaemonsetCreatedTest {

    private static final String ID = "tenant-daemonset-created";
    private final TenantDaemonsetCreated detector = new TenantDaemonsetCreated();

    @Test
    void aTenantMemberCreatingADaemonSetIsRaised() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .create("daemonsets", "alpha-prod", "log-forwarder")
                        .podSpec(spec().images("docker.io/fluent/fluent-bit:3.0.4")
                                .serviceAccount("log-forwarder")
                                .build())
                        .build());

        assertThat(alert.detector()).isEqualTo(ID);
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created daemonsets/log-forwarder in namespace "
                        + "alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "reach: one pod on every node, next to every tenant's pods, re-created on every new node",
                        "runs as service account: log-forwarder",
                        "workload: log-forwarder",
                        "images: docker.io/fluent/fluent-bit:3.0.4");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Persistence", "T1610 Deploy Container"));
    }

    @Test
    void aTenantServiceAccountCreatingOneAtMetadataLevelIsRaisedToo() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .create("daemonsets", "alpha", "node-helper")
                        .build());

        assertThat(alert.evidence().details())
                .containsExactly(
                        "reach: one pod on every node, next to every tenant's pods, re-created on every new node",
                        "workload: node-helper");
    }

    @Test
    void platformAgentsAndAdminsAreQuiet() {
        // Prometheus node-exporter by the platform's GitOps, an AKS add-on, the admin account
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .create("daemonsets", "monitoring", "node-exporter")
                                .podSpec(spec().images("quay.io/prometheus/node-exporter:v1.8.1")
                                        .build())
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(AKS_SERVICE)
                                .create("daemonsets", "kube-system", "azure-ip-masq-agent")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(Identities.serviceAccount("flux-system", "kustomize-controller"))
                                .create("daemonsets", "alpha-prod", "log-forwarder")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(MASTERCLIENT)
                                .create("daemonsets", "security", "falco")
                                .build()))
                .isEmpty();
    }

    @Test
    void rolloutsOfAnExistingDaemonSetAndDeniedCreatesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("daemonsets", "alpha-prod", "log-forwarder")
                                .podSpec(spec().images("docker.io/fluent/fluent-bit:3.0.5")
                                        .build())
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("daemonsets", "alpha-prod", "log-forwarder")
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("deployments", "alpha-prod", "log-forwarder")
                                .build()))
                .isEmpty();
    }
}
