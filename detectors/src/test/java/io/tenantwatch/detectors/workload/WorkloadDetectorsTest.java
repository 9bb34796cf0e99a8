package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.PublishedCatalogue;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Group B as the lead registers it: {@link WorkloadDetectors#DEFINITIONS} next to the built-in catalogue,
 * on Falco's own test files (docs/detection-quality.md, "Parity with Falco's k8saudit rules, measured") and on workloads
 * that break several rules at once. Assertions look at the group B findings among everything the
 * catalogue raises, so detectors of other groups registered later (say {@code unmapped-namespace}
 * for Falco's namespace default) do not change them.
 */
class WorkloadDetectorsTest {

    /** The group B ids: whose alerts are workload findings, and which all take a workload write. */
    private static final List<String> GROUP_B =
            WorkloadDetectors.DEFINITIONS.stream().map(DetectorDefinition::id).toList();

    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");

    private final List<Detector> detectors = Detect.withDefaults(WorkloadDetectors.DEFINITIONS);

    @Test
    void theListHoldsEveryGroupBDetectorOnce() {
        PublishedCatalogue.assertPublishedAs(DetectorGroup.WORKLOAD, WorkloadDetectors.DEFINITIONS);
        // id = class name, package, title and tactic: BuiltInDetectorsTest, for the whole catalogue
        for (Detector d : detectors) {
            assertThat(d.spec().group()).isEqualTo(DetectorGroup.WORKLOAD);
            assertThat(d.spec().mitre().technique()).matches(TECHNIQUE);
        }
    }

    @Test
    void theyMeetOnlyWorkloadAndServiceAccountEvents() {
        DetectorRegistry registry = new DetectorRegistry(detectors);

        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(ALICE)
                                .get("configmaps", "alpha-prod", "settings")
                                .build()))
                .isEmpty();
        assertThat(Detect.examinedBy(
                        registry,
                        FalcoEvents.terminalShell("alpha-prod", "web-7d4b9c8f5-x2x9q")
                                .build()))
                .isEmpty();
        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(ALICE)
                                .create("serviceaccounts", "kube-system", "x")
                                .build()))
                .containsExactly("workload-in-system-namespace");
        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(ALICE)
                                .create("cronjobs", "alpha-prod", "x")
                                .build()))
                .containsExactlyInAnyOrderElementsOf(allBut("tenant-daemonset-created"));
        // the DaemonSet and CronJob detectors take their own kind only
        assertThat(Detect.examinedBy(
                        registry,
                        AuditEvents.by(ALICE)
                                .create("daemonsets", "alpha-prod", "x")
                                .build()))
                .containsExactlyInAnyOrderElementsOf(allBut("cronjob-by-outsider"));
    }

    private static List<String> allBut(String id) {
        return GROUP_B.stream().filter(d -> !d.equals(id)).toList();
    }

    @Test
    void falcoParityPositiveCases() {
        assertThat(workloadFindings(WorkloadEvents.createNginxPodHostNetwork()))
                .containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.createNginxPodSensitiveMount()))
                .containsExactly("sensitive-host-mount");
        assertThat(workloadFindings(WorkloadEvents.createNginxPodSensitiveMount2ndContainer()))
                .containsExactly("sensitive-host-mount");
        assertThat(Detect.detectorsRaising(WorkloadEvents.createServiceAccount("kube-system")))
                .contains("workload-in-system-namespace");
        assertThat(Detect.detectorsRaising(WorkloadEvents.createServiceAccount("kube-public")))
                .contains("workload-in-system-namespace");
    }

    @Test
    void falcoParityNegativeCases() {
        assertThat(Detect.detectorsRaising(WorkloadEvents.createNginxPodNoHostNetwork()))
                .doesNotContain("host-namespace-sharing");
        assertThat(Detect.detectorsRaising(WorkloadEvents.getNginxPodUnsensitiveMount()))
                .doesNotContain("sensitive-host-mount");
        assertThat(Detect.detectorsRaising(WorkloadEvents.createNginxPodUnsensitiveMountCreated()))
                .doesNotContain("sensitive-host-mount");
    }

    @Test
    void theRestOfThePspSuiteRaisesWhatItShould() {
        assertThat(workloadFindings(WorkloadEvents.pspHostPid())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.pspHostIpc())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.pspHostNetwork())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.pspCapabilityAdd("SYS_NICE")))
                .isEmpty();
        assertThat(workloadFindings(WorkloadEvents.pspCapabilityAdd("SYS_TIME")))
                .isEmpty();
        assertThat(workloadFindings(WorkloadEvents.stratusPrivilegedPod(ALICE).build()))
                .containsExactly("privileged-container");
    }

    @Test
    void aPodBreakingEveryRuleRaisesEachDetectorOnceAndOneFindingEach() {
        NormalizedEvent nodeTakeover = AuditEvents.by(ALICE)
                .create("pods", "kube-system", "kube-proxy-helper")
                .podSpec(spec().images("docker.io/xmrig/xmrig:6.21.0")
                        .privileged("helper")
                        .hostPaths("/")
                        .hostPID()
                        .hostNetwork()
                        .addCapabilities("SYS_ADMIN")
                        .build())
                .build();

        List<Alert> alerts = Detect.builtIn(nodeTakeover).stream()
                .filter(a -> GROUP_B.contains(a.detector()))
                .toList();

        assertThat(alerts)
                .extracting(Alert::detector)
                .containsExactlyInAnyOrder(
                        "privileged-container",
                        "sensitive-host-mount",
                        "host-namespace-sharing",
                        "dangerous-capabilities",
                        "workload-in-system-namespace",
                        "suspicious-image");
        assertThat(alerts).extracting(Alert::fingerprint).doesNotHaveDuplicates();
        assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
    }

    @Test
    void aCrossTenantWorkloadWriteRaisesTheWriteAndTheSpecFindings() {
        NormalizedEvent intoBeta = AuditEvents.by(ALPHA_DEPLOYER)
                .create("pods", "beta-prod", "debug")
                .podSpec(spec().hostNetwork().hostPaths("/var/lib/kubelet").build())
                .build();

        assertThat(Detect.detectorsRaising(intoBeta)).contains("cross-tenant-write");
        assertThat(workloadFindings(intoBeta))
                .containsExactlyInAnyOrder(
                        "host-namespace-sharing", "sensitive-host-mount", "host-path-in-tenant-namespace");
    }

    @Test
    void aHarmlessDeploymentRaisesNothing() {
        assertThat(workloadFindings(AuditEvents.by(ALPHA_DEPLOYER)
                        .create("deployments", "alpha-prod", "web")
                        .podSpec(spec().images("nginx:1.27")
                                .addCapabilities("NET_BIND_SERVICE")
                                .build())
                        .build()))
                .isEmpty();
    }

    @Test
    void anOrdinaryHostPathInATenantNamespaceIsOnlyThePolicyBreach() {
        // Pod Security baseline forbids it; nothing on the node's sensitive list is reached
        assertThat(workloadFindings(AuditEvents.by(ALPHA_DEPLOYER)
                        .create("deployments", "alpha-prod", "web")
                        .podSpec(spec().images("nginx:1.27")
                                .hostPaths("/var/lib/app-data")
                                .addCapabilities("NET_BIND_SERVICE")
                                .build())
                        .build()))
                .containsExactly("host-path-in-tenant-namespace");
    }

    /** The group B detectors among those the catalogue raises: the workload findings. */
    private static List<String> workloadFindings(NormalizedEvent event) {
        return Detect.detectorsRaising(GROUP_B, event);
    }
}
