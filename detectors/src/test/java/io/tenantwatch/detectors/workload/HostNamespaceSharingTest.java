package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAEMON_SET_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class HostNamespaceSharingTest {

    private static final String HASH = "5d8f7b9c6";
    private final HostNamespaceSharing detector = new HostNamespaceSharing();

    @Test
    void theCorpusHostNetworkPodIsRaised() {
        Alert alert = Detect.single(detector, WorkloadEvents.createNginxPodHostNetwork());

        assertThat(alert.detector()).isEqualTo("host-namespace-sharing");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.namespace()).isEqualTo("default");
        assertThat(alert.evidence().auditIds()).containsExactly("24142dcc-7ad8-4fb8-8d3b-106ea474759d");
        assertThat(alert.summary())
                .isEqualTo(
                        "system:serviceaccount:kube-system:replicaset-controller (platform) created "
                                + "pods with hostNetwork in namespace default (no tenant) (workload nginx-deployment-754c877bcd)");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "host namespace: hostNetwork", "workload: nginx-deployment-754c877bcd", "images: nginx");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Privilege Escalation", "T1611 Escape to Host"));
    }

    @Test
    void thePspSuitesHostPidHostIpcAndHostNetworkPodsAreRaised() {
        Alert pid = Detect.single(detector, WorkloadEvents.pspHostPid());
        Alert ipc = Detect.single(detector, WorkloadEvents.pspHostIpc());
        Alert network = Detect.single(detector, WorkloadEvents.pspHostNetwork());

        // these ReplicaSets carry their pod-template hash as suffix: the workload is the Deployment
        assertThat(pid.summary())
                .contains("created pods with hostPID in namespace default")
                .endsWith("(workload nginx-deployment)");
        assertThat(ipc.evidence().details()).startsWith("host namespace: hostIPC");
        assertThat(network.evidence().details()).startsWith("host namespace: hostNetwork");
        assertThat(pid.fingerprint()).isEqualTo(ipc.fingerprint()).isEqualTo(network.fingerprint());
    }

    @Test
    void theCorpusPodWithoutHostNetworkIsQuiet() {
        assertThat(Detect.with(detector, WorkloadEvents.createNginxPodNoHostNetwork()))
                .isEmpty();
    }

    @Test
    void allThreeAreNamed() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .create("pods", "alpha-dev", "node-shell")
                        .podSpec(spec().images("docker.io/library/alpine:3.20")
                                .hostNetwork()
                                .hostPID()
                                .hostIPC()
                                .build())
                        .build());

        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created pods/node-shell with hostNetwork, "
                        + "hostPID, hostIPC in namespace alpha-dev of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "host namespace: hostNetwork",
                        "host namespace: hostPID",
                        "host namespace: hostIPC",
                        "workload: node-shell",
                        "images: docker.io/library/alpine:3.20");
    }

    @Test
    void aDeploymentItsReplicaSetAndItsPodsAreOneFinding() {
        Alert deployment = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .patch("deployments", "alpha-prod", "edge")
                        .podSpec(spec().hostNetwork().build())
                        .build());
        Alert pod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "edge-" + HASH)
                        .podSpec(spec().hostNetwork().templateHash(HASH).build())
                        .build());

        assertThat(pod.fingerprint()).isEqualTo(deployment.fingerprint());
        assertThat(pod.summary()).endsWith("(workload edge)");
    }

    @Test
    void platformAgentsOnTheHostNetworkInPlatformNamespacesAreQuietUnlessConfigured() {
        NormalizedEvent kubeProxy = AuditEvents.by(DAEMON_SET_CONTROLLER)
                .create("pods", "kube-system", null)
                .ownedBy("DaemonSet", "kube-proxy")
                .podSpec(spec().hostNetwork().build())
                .build();

        assertThat(Detect.with(detector, kubeProxy)).isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(AKS_SERVICE)
                                .update("daemonsets", "kube-system", "azure-cns")
                                .podSpec(spec().hostNetwork().hostPID().build())
                                .build()))
                .isEmpty();
        assertThat(Detect.with(new HostNamespaceSharing(false), kubeProxy)).hasSize(1);
        // a tenant's workload anywhere, and anyone but the platform in a platform namespace, is raised
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-system", "debug")
                                .podSpec(spec().hostPID().build())
                                .build()))
                .hasSize(1);
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(REPLICASET_CONTROLLER)
                                .create("pods", "alpha-prod", null)
                                .ownedBy("ReplicaSet", "edge-" + HASH)
                                .podSpec(spec().hostPID().build())
                                .build()))
                .hasSize(1);
    }

    @Test
    void refusedFailedAndNonWriteRequestsAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "x")
                                .podSpec(spec().hostNetwork().build())
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "x")
                                .podSpec(spec().hostNetwork().build())
                                .code(409)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("pods", "alpha-dev", "x")
                                .podSpec(spec().hostNetwork().build())
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("deployments", "alpha-dev", "web")
                                .subresource("scale")
                                .podSpec(spec().hostNetwork().build())
                                .build()))
                .isEmpty();
    }
}
