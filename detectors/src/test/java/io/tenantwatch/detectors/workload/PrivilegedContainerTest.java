package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAEMON_SET_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.DEPLOYMENT_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivilegedContainerTest {

    private static final String HASH = "7d4b9c8f5";
    private final PrivilegedContainer detector = new PrivilegedContainer();

    @Test
    void aPrivilegedDeploymentIsRaised() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .create("deployments", "alpha-prod", "web")
                        .podSpec(PodSpecs.privileged(null, "web"))
                        .build());

        assertThat(alert.detector()).isEqualTo("privileged-container");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.namespace()).isEqualTo("alpha-prod");
        assertThat(alert.actor().username()).isEqualTo("system:serviceaccount:alpha:deployer");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) created "
                        + "deployments/web with privileged container web in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "privileged container: web",
                        "workload: web",
                        "images: contoso.azurecr.io/alpha/web:1.4.2, mcr.microsoft.com/oss/nginx/nginx:1.25.4");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Privilege Escalation", "T1611 Escape to Host"));
    }

    @Test
    void aDeploymentItsReplicaSetAndItsPodsAreOneFinding() {
        Alert deployment = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .create("deployments", "alpha-prod", "web")
                        .podSpec(PodSpecs.privileged(null, "web"))
                        .build());
        Alert replicaSet = Detect.single(
                detector,
                AuditEvents.by(DEPLOYMENT_CONTROLLER)
                        .create("replicasets", "alpha-prod", "web-" + HASH)
                        .ownedBy("Deployment", "web")
                        .podSpec(PodSpecs.privileged(HASH, "web"))
                        .build());
        // the replicaset controller creates pods from generateName: the audit event has no name
        Alert pod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-" + HASH)
                        .podSpec(PodSpecs.privileged(HASH, "web"))
                        .build());
        Alert otherPod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-" + HASH)
                        .podSpec(PodSpecs.privileged(HASH, "web"))
                        .auditId("5d0c7a1e-2b3f-4e8d-a9c6-7f1e2d3c4b5a")
                        .build());

        assertThat(replicaSet.fingerprint()).isEqualTo(deployment.fingerprint());
        assertThat(pod.fingerprint()).isEqualTo(deployment.fingerprint());
        assertThat(otherPod.fingerprint()).isEqualTo(deployment.fingerprint());
        assertThat(deployment.id()).isNotEqualTo(replicaSet.id()).isNotEqualTo(pod.id());
        assertThat(otherPod.id()).isNotEqualTo(pod.id());
        assertThat(pod.summary())
                .isEqualTo("system:serviceaccount:kube-system:replicaset-controller (platform) created "
                        + "pods with privileged container web in namespace alpha-prod of tenant alpha (workload web)");
        assertThat(pod.actor().actorClass()).isEqualTo(ActorClass.PLATFORM);
    }

    @Test
    void theFingerprintNamesTheWorkloadNotTheWriter() {
        Alert byDeployer = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .patch("deployments", "alpha-prod", "web")
                        .podSpec(PodSpecs.privileged(null, "web"))
                        .build());
        Alert byAlice = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .update("deployments", "alpha-prod", "web")
                        .podSpec(PodSpecs.privileged(null, "web"))
                        .build());
        Alert otherWorkload = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .update("deployments", "alpha-prod", "api")
                        .podSpec(PodSpecs.privileged(null, "api"))
                        .build());
        Alert otherNamespace = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .update("deployments", "alpha-dev", "web")
                        .podSpec(PodSpecs.privileged(null, "web"))
                        .build());

        assertThat(byAlice.fingerprint()).isEqualTo(byDeployer.fingerprint());
        assertThat(otherWorkload.fingerprint()).isNotEqualTo(byDeployer.fingerprint());
        assertThat(otherNamespace.fingerprint()).isNotEqualTo(byDeployer.fingerprint());
    }

    @ParameterizedTest
    @CsvSource({
        "statefulsets, create",
        "daemonsets, update",
        "jobs, patch",
        "cronjobs, create",
        "replicationcontrollers, create",
        "replicasets, patch",
        "pods, create"
    })
    void everyPodSpecSourceAndWriteVerbIsExamined(String resource, String verb) {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .request(verb, resource, "alpha-prod", "batch-1")
                                .podSpec(PodSpecs.privileged(null, "worker"))
                                .build()))
                .hasSize(1);
    }

    @Test
    void everyPrivilegedContainerIsNamed() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .create("pods", "alpha-dev", "toolbox")
                        .podSpec(PodSpecs.privileged(null, "istio-init", "toolbox"))
                        .build());

        assertThat(alert.summary()).contains("with privileged containers istio-init, toolbox in namespace alpha-dev");
        assertThat(alert.evidence().details())
                .contains("privileged container: istio-init", "privileged container: toolbox");
    }

    @Test
    void aPrivilegedEphemeralDebugContainerIsRaised() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALICE)
                        .patch("pods", "alpha-prod", "web-" + HASH + "-x2x9q")
                        .subresource("ephemeralcontainers")
                        .ownedBy("ReplicaSet", "web-" + HASH)
                        .podSpec(PodSpecs.privileged(HASH, "debugger-7xk2p"))
                        .build());

        assertThat(alert.summary())
                .contains("patched pods/web-" + HASH + "-x2x9q/ephemeralcontainers with privileged container "
                        + "debugger-7xk2p")
                .endsWith("(workload web)");
    }

    @Test
    void theCorpusPodCreatedByTheReplicaSetControllerInAnUnmappedNamespaceIsRaised() {
        // create_nginx_pod_privileged.json: the old minikube hash label does not match the ReplicaSet's suffix
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "default", null)
                        .ownedBy("ReplicaSet", "nginx-deployment-5cdcc99dbf")
                        .podSpec(PodSpecs.privileged("1787755869", "nginx"))
                        .build());

        assertThat(alert.tenant()).isNull();
        assertThat(alert.summary()).endsWith("in namespace default (no tenant) (workload nginx-deployment-5cdcc99dbf)");
    }

    @Test
    void aTenantMemberOrAPlatformIdentityOutsideThePlatformExceptionIsRaised() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-system", "node-debugger")
                                .podSpec(PodSpecs.privileged(null, "debugger"))
                                .build()))
                .hasSize(1);
        assertThat(Detect.with(
                        new PrivilegedContainer(false),
                        AuditEvents.by(DAEMON_SET_CONTROLLER)
                                .create("pods", "kube-system", null)
                                .ownedBy("DaemonSet", "azure-cns")
                                .podSpec(PodSpecs.privileged(null, "cns-container"))
                                .build()))
                .hasSize(1);
    }

    @Test
    void platformAddOnsInPlatformNamespacesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAEMON_SET_CONTROLLER)
                                .create("pods", "kube-system", null)
                                .ownedBy("DaemonSet", "azure-cns")
                                .podSpec(PodSpecs.privileged(null, "cns-container"))
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(AKS_SERVICE)
                                .update("daemonsets", "kube-system", "csi-azuredisk-node")
                                .podSpec(PodSpecs.privileged(null, "azuredisk"))
                                .build()))
                .isEmpty();
    }

    @Test
    void anUnprivilegedPodIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(REPLICASET_CONTROLLER)
                                .create("pods", "alpha-prod", null)
                                .ownedBy("ReplicaSet", "web-" + HASH)
                                .podSpec(PodSpecs.unprivileged(HASH))
                                .build()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "scale", "binding", "eviction"})
    void subresourceWritesOtherThanEphemeralContainersAreQuiet(String subresource) {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(NODE)
                                .patch("pods", "alpha-prod", "web-" + HASH + "-x2x9q")
                                .subresource(subresource)
                                .podSpec(PodSpecs.privileged(HASH, "web"))
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedFailedOrNonWriteRequestsAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-prod", "toolbox")
                                .podSpec(PodSpecs.privileged(null, "toolbox"))
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-prod", "toolbox")
                                .podSpec(PodSpecs.privileged(null, "toolbox"))
                                .code(422)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .delete("pods", "alpha-prod", "toolbox")
                                .podSpec(PodSpecs.privileged(null, "toolbox"))
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .get("pods", "alpha-prod", "toolbox")
                                .podSpec(PodSpecs.privileged(null, "toolbox"))
                                .build()))
                .isEmpty();
    }

    @Test
    void aWriteWithoutPodSpecFactsIsQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("deployments", "alpha-prod", "web")
                                .build()))
                .isEmpty();
    }
}
