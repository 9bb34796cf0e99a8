package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAEMON_SET_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPathInTenantNamespaceTest {

    private static final String ID = "host-path-in-tenant-namespace";
    private final HostPathInTenantNamespace detector = new HostPathInTenantNamespace();

    /** A tenant Deployment caching on the node: a path no sensitive list names. */
    private static NormalizedEvent aliceDeploysWithHostPath(String... hostPaths) {
        return AuditEvents.by(ALICE)
                .create("deployments", "alpha-prod", "image-cache")
                .podSpec(spec().images("registry.contoso.com/alpha/cache:2.4.1")
                        .hostPaths(hostPaths)
                        .build())
                .build();
    }

    @Test
    void anOrdinaryHostPathInATenantNamespaceIsRaised() {
        Alert alert = Detect.single(detector, aliceDeploysWithHostPath("/var/lib/alpha-cache"));

        assertThat(alert.detector()).isEqualTo(ID);
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created deployments/image-cache with hostPath "
                        + "/var/lib/alpha-cache in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "hostPath: /var/lib/alpha-cache",
                        "policy: Pod Security baseline forbids every hostPath; on shared nodes the path is "
                                + "visible to any tenant's pod that mounts it",
                        "workload: image-cache",
                        "images: registry.contoso.com/alpha/cache:2.4.1");
        // sensitive-host-mount, the catalogue's detector before this one, stays quiet for this path
        assertThat(Detect.detectorsRaising(aliceDeploysWithHostPath("/var/lib/alpha-cache")))
                .contains(ID)
                .doesNotContain("sensitive-host-mount");
    }

    @Test
    void aSensitivePathRaisesBothThePolicyBreachAndTheEscape() {
        NormalizedEvent event = aliceDeploysWithHostPath("/mnt/scratch", "/var/run/docker.sock");

        assertThat(Detect.single(detector, event).summary())
                .contains("with hostPaths /mnt/scratch, /var/run/docker.sock in namespace alpha-prod");
        assertThat(Detect.detectorsRaising(event)).contains(ID, "sensitive-host-mount");
    }

    @Test
    void aTenantServiceAccountPatchingAHostPathIntoItsWorkloadIsRaised() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALPHA_DEPLOYER)
                                .patch("statefulsets", "alpha", "kafka")
                                .podSpec(spec().hostPaths("/data/kafka").build())
                                .build()))
                .hasSize(1);
    }

    @Test
    void allowedPathsAreAParameterComparedAsTheNodeResolvesThem() {
        HostPathInTenantNamespace allowing = new HostPathInTenantNamespace(List.of("/mnt/shared-cache/"));

        assertThat(Detect.with(allowing, aliceDeploysWithHostPath("/mnt/shared-cache/alpha")))
                .isEmpty();
        assertThat(Detect.with(allowing, aliceDeploysWithHostPath("/mnt//shared-cache")))
                .isEmpty();
        assertThat(Detect.single(allowing, aliceDeploysWithHostPath("/mnt/shared-cache-2", "/mnt/shared-cache"))
                        .evidence()
                        .details())
                .startsWith("hostPath: /mnt/shared-cache-2")
                .doesNotContain("hostPath: /mnt/shared-cache");
    }

    @Test
    void theControllersCreatingTheTenantsPodsAreNotASecondFinding() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(REPLICASET_CONTROLLER)
                                .create("pods", "alpha-prod", "image-cache-5d8f7c9b4-x2x7q")
                                .ownedBy("ReplicaSet", "image-cache-5d8f7c9b4")
                                .podSpec(spec().hostPaths("/var/lib/alpha-cache")
                                        .templateHash("5d8f7c9b4")
                                        .build())
                                .build()))
                .isEmpty();
        // the platform's GitOps (Flux, listed as platform) rolling out a tenant's manifests
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(Identities.serviceAccount("flux-system", "kustomize-controller"))
                                .update("deployments", "alpha-prod", "image-cache")
                                .podSpec(
                                        spec().hostPaths("/var/lib/alpha-cache").build())
                                .build()))
                .isEmpty();
    }

    @Test
    void nodeAgentsInPlatformNamespacesAndUnmappedNamespacesAreQuiet() {
        // Prometheus node-exporter in monitoring, an AKS add-on in kube-system
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .create("daemonsets", "monitoring", "node-exporter")
                                .podSpec(spec().images("quay.io/prometheus/node-exporter:v1.8.1")
                                        .hostPaths("/proc", "/sys", "/")
                                        .build())
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(DAEMON_SET_CONTROLLER)
                                .create("pods", "kube-system", "csi-azuredisk-node-7xk2p")
                                .ownedBy("DaemonSet", "csi-azuredisk-node")
                                .podSpec(spec().hostPaths("/var/lib/kubelet", "/dev")
                                        .build())
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        AuditEvents.by(AKS_SERVICE)
                                .update("daemonsets", "kube-system", "cloud-node-manager")
                                .podSpec(spec().hostPaths("/var/log").build())
                                .build()))
                .isEmpty();
        // no tenant to protect in a namespace no source maps (unmapped-namespace says so)
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("deployments", "scratch", "image-cache")
                                .podSpec(
                                        spec().hostPaths("/var/lib/alpha-cache").build())
                                .build()))
                .isEmpty();
    }

    @Test
    void deniedWritesReadsAndSpecsWithoutHostPathsAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("deployments", "alpha-prod", "image-cache")
                                .podSpec(
                                        spec().hostPaths("/var/lib/alpha-cache").build())
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("deployments", "alpha-prod", "web")
                                .podSpec(spec().build())
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("deployments", "alpha-prod", "image-cache")
                                .build()))
                .isEmpty();
    }
}
