package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAEMON_SET_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveHostMountTest {

    private static final String HASH = "7d4b9c8f5";
    private final SensitiveHostMount detector = new SensitiveHostMount();

    private static NormalizedEvent aliceCreatesPodMounting(String... hostPaths) {
        return AuditEvents.by(ALICE)
                .create("pods", "alpha-dev", "toolbox")
                .podSpec(spec().hostPaths(hostPaths).build())
                .build();
    }

    @Test
    void theCorpusPodMountingEtcIsRaised() {
        NormalizedEvent event = WorkloadEvents.createNginxPodSensitiveMount();

        Alert alert = Detect.single(detector, event);

        assertThat(alert.detector()).isEqualTo("sensitive-host-mount");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.namespace()).isEqualTo("default");
        assertThat(alert.evidence().auditIds()).containsExactly("e456c9cf-9abe-4fa1-8526-e014da96821b");
        assertThat(alert.summary())
                .isEqualTo(
                        "system:serviceaccount:kube-system:replicaset-controller (platform) created "
                                + "pods with sensitive hostPath /etc in namespace default (no tenant) (workload nginx-deployment-7d5b5dd9cf)");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "hostPath: /etc (at or under /etc)", "workload: nginx-deployment-7d5b5dd9cf", "images: nginx");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Privilege Escalation", "T1611 Escape to Host"));
    }

    @Test
    void theCorpusPodWhoseSecondContainerMountsEtcIsRaised() {
        Alert alert = Detect.single(detector, WorkloadEvents.createNginxPodSensitiveMount2ndContainer());

        assertThat(alert.summary())
                .contains("with sensitive hostPath /etc")
                .endsWith("(workload nginx-deployment-f7f486546)");
        assertThat(alert.evidence().details()).contains("images: nginx, mysql:latest");
    }

    @Test
    void theCorpusUnsensitiveMountIsQuietAsTheReadItIsAndAsACreate() {
        assertThat(Detect.with(detector, WorkloadEvents.getNginxPodUnsensitiveMount()))
                .isEmpty();
        assertThat(Detect.with(detector, WorkloadEvents.createNginxPodUnsensitiveMountCreated()))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "/, the node's root filesystem",
        "/proc, at or under /proc",
        "/proc/sys/kernel, at or under /proc",
        "/etc, at or under /etc",
        "/etc/kubernetes/pki, at or under /etc",
        "/root/.ssh, at or under /root",
        "/boot, at or under /boot",
        "/dev/sda1, at or under /dev",
        "/var/run/docker.sock, at or under /var/run/docker.sock",
        "/run/containerd/containerd.sock, at or under /run/containerd",
        "/var/run/crio/crio.sock, at or under /var/run/crio",
        "/var/lib/kubelet, at or under /var/lib/kubelet",
        "/var/lib/kubelet/pods, at or under /var/lib/kubelet",
        "/var/log/pods, at or under /var/log"
    })
    void everyCataloguePathAndWhatIsUnderItIsRaised(String hostPath, String reason) {
        Alert alert = Detect.single(detector, aliceCreatesPodMounting(hostPath));

        assertThat(alert.evidence().details()).startsWith("hostPath: " + hostPath + " (" + reason + ")");
    }

    @ParameterizedTest
    @CsvSource({
        "/etc/, at or under /etc",
        "//etc, at or under /etc",
        "/etc/./ssh, at or under /etc",
        "/var/lib/app-data/../../lib/kubelet, at or under /var/lib/kubelet",
        "etc, at or under /etc",
        // /var/run is /run on every node image: the same socket, spelled the other way
        "/run/docker.sock, at or under /var/run/docker.sock",
        "/var/run/containerd/containerd.sock, at or under /run/containerd",
        "/run/crio/crio.sock, at or under /var/run/crio"
    })
    void pathsAreComparedAsTheNodeResolvesThem(String hostPath, String reason) {
        assertThat(Detect.single(detector, aliceCreatesPodMounting(hostPath))
                        .evidence()
                        .details())
                .startsWith("hostPath: " + hostPath + " (" + reason + ")");
    }

    @ParameterizedTest
    @CsvSource({
        "/var, contains /var/lib/kubelet",
        "/var/lib, contains /var/lib/kubelet",
        "/run, contains /var/run/docker.sock",
        "/var/run/, contains /var/run/docker.sock"
    })
    void aMountThatContainsASensitivePathExposesIt(String hostPath, String reason) {
        assertThat(Detect.single(detector, aliceCreatesPodMounting(hostPath))
                        .evidence()
                        .details())
                .startsWith("hostPath: " + hostPath + " (" + reason + ")");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/var/lib/app-data",
                "/usr/local",
                "/mnt/disks/ssd0",
                "/opt/app",
                "/tmp",
                "/home/app",
                "/etcd-backup",
                "/var/logs",
                "/var/lib/docker",
                "/devices",
                "/data/proc",
                "/run/udev"
            })
    void otherHostPathsAreQuiet(String hostPath) {
        assertThat(Detect.with(detector, aliceCreatesPodMounting(hostPath))).isEmpty();
    }

    @Test
    void everySensitiveMountOfAPodIsNamedInOneAlert() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .create("daemonsets", "alpha-prod", "log-shipper")
                        .podSpec(spec().hostPaths("/var/lib/app-data", "/var/log", "/var/lib/kubelet/pods")
                                .build())
                        .build());

        assertThat(alert.summary())
                .isEqualTo(
                        "system:serviceaccount:alpha:deployer (tenant alpha) created daemonsets/log-shipper "
                                + "with sensitive hostPaths /var/log, /var/lib/kubelet/pods in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "hostPath: /var/log (at or under /var/log)",
                        "hostPath: /var/lib/kubelet/pods (at or under /var/lib/kubelet)",
                        "workload: log-shipper",
                        "images: contoso.azurecr.io/alpha/web:1.4.2");
    }

    @Test
    void theListIsConfigurable() {
        SensitiveHostMount custom = new SensitiveHostMount(List.of("/srv/secrets/"));

        assertThat(Detect.single(custom, aliceCreatesPodMounting("/srv/secrets/db"))
                        .evidence()
                        .details())
                .startsWith("hostPath: /srv/secrets/db (at or under /srv/secrets)");
        assertThat(Detect.with(custom, aliceCreatesPodMounting("/etc"))).isEmpty();
        // the root still contains the configured path
        assertThat(Detect.single(custom, aliceCreatesPodMounting("/"))
                        .evidence()
                        .details())
                .startsWith("hostPath: / (contains /srv/secrets)");
        assertThatThrownBy(() -> new SensitiveHostMount(List.of("/etc", " ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeploymentAndItsPodsAreOneFinding() {
        Alert deployment = Detect.single(
                detector,
                AuditEvents.by(ALPHA_DEPLOYER)
                        .create("deployments", "alpha-prod", "web")
                        .podSpec(spec().hostPaths("/var/run/docker.sock").build())
                        .build());
        Alert pod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-" + HASH)
                        .podSpec(spec().hostPaths("/var/run/docker.sock")
                                .templateHash(HASH)
                                .build())
                        .build());

        assertThat(pod.fingerprint()).isEqualTo(deployment.fingerprint());
        assertThat(pod.id()).isNotEqualTo(deployment.id());
    }

    @Test
    void platformNodeAgentsInPlatformNamespacesAreQuietUnlessConfigured() {
        NormalizedEvent logAgent = AuditEvents.by(DAEMON_SET_CONTROLLER)
                .create("pods", "kube-system", null)
                .ownedBy("DaemonSet", "ama-logs")
                .podSpec(spec().hostPaths("/var/log", "/var/lib/docker/containers")
                        .build())
                .build();

        assertThat(Detect.with(detector, logAgent)).isEmpty();
        assertThat(Detect.with(new SensitiveHostMount(SensitiveHostMount.DEFAULT_PATHS, false), logAgent))
                .hasSize(1);
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-system", "node-shell")
                                .podSpec(spec().hostPaths("/").build())
                                .build()))
                .hasSize(1);
    }

    @Test
    void refusedFailedReadsAndStatusWritesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "toolbox")
                                .podSpec(spec().hostPaths("/etc").build())
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "toolbox")
                                .podSpec(spec().hostPaths("/etc").build())
                                .code(422)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .delete("pods", "alpha-dev", "toolbox")
                                .podSpec(spec().hostPaths("/etc").build())
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(NODE)
                                .patch("pods", "alpha-dev", "toolbox")
                                .subresource("status")
                                .podSpec(spec().hostPaths("/etc").build())
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .patch("deployments", "alpha-dev", "web")
                                .build()))
                .isEmpty();
    }

    @Test
    void canonicalPaths() {
        assertThat(SensitiveHostMount.canonical("/")).isEqualTo("/");
        assertThat(SensitiveHostMount.canonical("///")).isEqualTo("/");
        assertThat(SensitiveHostMount.canonical("/..")).isEqualTo("/");
        assertThat(SensitiveHostMount.canonical(" /etc/ ")).isEqualTo("/etc");
        assertThat(SensitiveHostMount.canonical("/var/run")).isEqualTo("/run");
        assertThat(SensitiveHostMount.canonical("/var/runner")).isEqualTo("/var/runner");
        assertThat(SensitiveHostMount.canonical("/a/./b//c/../d")).isEqualTo("/a/b/d");
    }
}
