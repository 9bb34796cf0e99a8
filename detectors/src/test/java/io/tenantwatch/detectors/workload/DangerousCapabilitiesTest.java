package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAEMON_SET_CONTROLLER;
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
import org.junit.jupiter.params.provider.ValueSource;

class DangerousCapabilitiesTest {

    private final DangerousCapabilities detector = new DangerousCapabilities();

    private static NormalizedEvent deploymentAdding(String... capabilities) {
        return AuditEvents.by(ALPHA_DEPLOYER)
                .create("deployments", "alpha-prod", "web")
                .podSpec(spec().addCapabilities(capabilities).build())
                .build();
    }

    @Test
    void aDeploymentAddingSysAdminIsRaised() {
        Alert alert = Detect.single(detector, deploymentAdding("SYS_ADMIN"));

        assertThat(alert.detector()).isEqualTo("dangerous-capabilities");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) created deployments/web "
                        + "with added capability SYS_ADMIN in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "capability: SYS_ADMIN", "workload: web", "images: contoso.azurecr.io/alpha/web:1.4.2");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Privilege Escalation", "T1611 Escape to Host"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SYS_ADMIN",
                "NET_ADMIN",
                "SYS_PTRACE",
                "SYS_MODULE",
                "BPF",
                "DAC_READ_SEARCH",
                "ALL",
                "CAP_SYS_ADMIN",
                "cap_sys_ptrace",
                "sys_module",
                "Cap_Bpf",
                "all",
                " NET_ADMIN "
            })
    void everyCatalogueCapabilityIsRaisedWhateverItsSpelling(String capability) {
        assertThat(Detect.single(detector, deploymentAdding("CHOWN", capability))
                        .evidence()
                        .details())
                .startsWith("capability: " + capability);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NET_BIND_SERVICE",
                "CAP_NET_BIND_SERVICE",
                "CHOWN",
                "NET_RAW",
                "SETUID",
                "SYS_NICE",
                "SYS_TIME",
                "SYS_ADMINISTRATOR",
                "CAP_ALLOW"
            })
    void otherCapabilitiesAreQuiet(String capability) {
        assertThat(Detect.with(detector, deploymentAdding(capability))).isEmpty();
    }

    @Test
    void theCorpusSysNiceAndSysTimePodsAreQuiet() {
        assertThat(Detect.with(detector, WorkloadEvents.pspCapabilityAdd("SYS_NICE")))
                .isEmpty();
        assertThat(Detect.with(detector, WorkloadEvents.pspCapabilityAdd("SYS_TIME")))
                .isEmpty();
        // the same pod asking for SYS_PTRACE instead
        Alert alert = Detect.single(detector, WorkloadEvents.pspCapabilityAdd("SYS_PTRACE"));
        assertThat(alert.summary())
                .isEqualTo(
                        "system:serviceaccount:kube-system:replicaset-controller (platform) created "
                                + "pods with added capability SYS_PTRACE in namespace default (no tenant) (workload nginx-deployment)");
        assertThat(alert.evidence().userAgent()).isEqualTo(WorkloadEvents.PSP_CONTROLLER_MANAGER_AGENT);
    }

    @Test
    void everyDangerousCapabilityIsNamedOnce() {
        Alert alert = Detect.single(detector, deploymentAdding("NET_BIND_SERVICE", "SYS_PTRACE", "CAP_SYS_ADMIN"));

        assertThat(alert.summary())
                .contains("with added capabilities SYS_PTRACE, CAP_SYS_ADMIN in namespace alpha-prod");
        assertThat(alert.evidence().details()).startsWith("capability: SYS_PTRACE", "capability: CAP_SYS_ADMIN");
    }

    @Test
    void theListIsConfigurable() {
        DangerousCapabilities custom = new DangerousCapabilities(List.of("cap_net_raw"));

        assertThat(Detect.with(custom, deploymentAdding("NET_RAW"))).hasSize(1);
        assertThat(Detect.with(custom, deploymentAdding("SYS_ADMIN"))).isEmpty();
        assertThatThrownBy(() -> new DangerousCapabilities(List.of("CAP_")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeploymentAndItsPodsAreOneFindingWhoeverWritesThem() {
        Alert deployment = Detect.single(detector, deploymentAdding("NET_ADMIN"));
        Alert pod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-6b9f8c7d5")
                        .podSpec(spec().addCapabilities("NET_ADMIN")
                                .templateHash("6b9f8c7d5")
                                .build())
                        .build());

        assertThat(pod.fingerprint()).isEqualTo(deployment.fingerprint());
    }

    @Test
    void platformPluginsInPlatformNamespacesAreQuietUnlessConfigured() {
        NormalizedEvent cni = AuditEvents.by(DAEMON_SET_CONTROLLER)
                .create("pods", "kube-system", null)
                .ownedBy("DaemonSet", "cilium")
                .podSpec(spec().addCapabilities("NET_ADMIN", "SYS_ADMIN", "BPF").build())
                .build();

        assertThat(Detect.with(detector, cni)).isEmpty();
        assertThat(Detect.with(new DangerousCapabilities(DangerousCapabilities.DEFAULT_CAPABILITIES, false), cni))
                .hasSize(1);
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "kube-system", "tcpdump")
                                .podSpec(spec().addCapabilities("NET_ADMIN").build())
                                .build()))
                .hasSize(1);
    }

    @Test
    void refusedAndNonWriteRequestsAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "x")
                                .podSpec(spec().addCapabilities("SYS_ADMIN").build())
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .delete("pods", "alpha-dev", "x")
                                .podSpec(spec().addCapabilities("SYS_ADMIN").build())
                                .build()))
                .isEmpty();
    }
}
