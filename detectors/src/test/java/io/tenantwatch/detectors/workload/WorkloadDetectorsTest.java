package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Group B as the lead registers it: {@link WorkloadDetectors#all()} next to the built-in catalogue,
 * on Falco's own test files (DETECTORS.md, "Parity with Falco's k8saudit rules") and on workloads
 * that break several rules at once. Assertions look at the group B findings among everything the
 * catalogue raises, so detectors of other groups registered later (say {@code unmapped-namespace}
 * for Falco's namespace default) do not change them.
 */
class WorkloadDetectorsTest {

    private static final List<String> GROUP_B = List.of("privileged-container", "sensitive-host-mount", "host-namespace-sharing",
            "dangerous-capabilities", "workload-in-system-namespace", "suspicious-image", "untrusted-registry");
    private static final List<String> WORKLOAD_FINDINGS = List.of("privileged-container", "sensitive-host-mount",
            "host-namespace-sharing", "dangerous-capabilities", "workload-in-system-namespace", "suspicious-image",
            "untrusted-registry");
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");

    private final List<Detector> detectors = WorkloadDetectors.all();

    @Test
    void theListHoldsEveryGroupBDetectorOnce() {
        assertThat(detectors).extracting(Detector::id).containsExactlyElementsOf(GROUP_B);
        for (Detector d : detectors) {
            assertThat(d.id()).isEqualTo(d.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT));
            assertThat(d.spec().group()).isEqualTo(DetectorGroup.WORKLOAD);
            assertThat(d.getClass().getPackageName()).isEqualTo("io.tenantwatch.detectors.workload");
            assertThat(d.spec().title()).isNotBlank();
            assertThat(d.spec().mitre().tactic()).isNotBlank();
            assertThat(d.spec().mitre().technique()).matches(TECHNIQUE);
        }
    }

    @Test
    void theyRegisterNextToTheBuiltInCatalogue() {
        List<Detector> all = new ArrayList<>(BuiltInDetectors.all());
        for (Detector d : detectors) {
            if (all.stream().noneMatch(existing -> existing.id().equals(d.id()))) {
                all.add(d);
            }
        }
        assertThat(new DetectorRegistry(all).detectors()).containsKeys(GROUP_B.toArray(String[]::new));
    }

    @Test
    void theyMeetOnlyWorkloadAndServiceAccountEvents() {
        DetectorRegistry registry = new DetectorRegistry(detectors);

        assertThat(examinedBy(registry, AuditEvents.by(ALICE).get("configmaps", "alpha-prod", "settings").build())).isEmpty();
        assertThat(examinedBy(registry, FalcoEvents.terminalShell("alpha-prod", "web-7d4b9c8f5-x2x9q").build())).isEmpty();
        assertThat(examinedBy(registry, AuditEvents.by(ALICE).create("serviceaccounts", "kube-system", "x").build()))
                .containsExactly("workload-in-system-namespace");
        assertThat(examinedBy(registry, AuditEvents.by(ALICE).create("cronjobs", "alpha-prod", "x").build()))
                .containsExactlyInAnyOrderElementsOf(GROUP_B);
    }

    @Test
    void falcoParityPositiveCases() {
        assertThat(workloadFindings(WorkloadEvents.createNginxPodHostNetwork())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.createNginxPodSensitiveMount())).containsExactly("sensitive-host-mount");
        assertThat(workloadFindings(WorkloadEvents.createNginxPodSensitiveMount2ndContainer()))
                .containsExactly("sensitive-host-mount");
        assertThat(WorkloadEvents.detectorsRaising(WorkloadEvents.createServiceAccount("kube-system")))
                .contains("workload-in-system-namespace");
        assertThat(WorkloadEvents.detectorsRaising(WorkloadEvents.createServiceAccount("kube-public")))
                .contains("workload-in-system-namespace");
    }

    @Test
    void falcoParityNegativeCases() {
        assertThat(WorkloadEvents.detectorsRaising(WorkloadEvents.createNginxPodNoHostNetwork()))
                .doesNotContain("host-namespace-sharing");
        assertThat(WorkloadEvents.detectorsRaising(WorkloadEvents.getNginxPodUnsensitiveMount()))
                .doesNotContain("sensitive-host-mount");
        assertThat(WorkloadEvents.detectorsRaising(WorkloadEvents.createNginxPodUnsensitiveMountCreated()))
                .doesNotContain("sensitive-host-mount");
    }

    @Test
    void theRestOfThePspSuiteRaisesWhatItShould() {
        assertThat(workloadFindings(WorkloadEvents.pspHostPid())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.pspHostIpc())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.pspHostNetwork())).containsExactly("host-namespace-sharing");
        assertThat(workloadFindings(WorkloadEvents.pspCapabilityAdd("SYS_NICE"))).isEmpty();
        assertThat(workloadFindings(WorkloadEvents.pspCapabilityAdd("SYS_TIME"))).isEmpty();
        assertThat(workloadFindings(WorkloadEvents.stratusPrivilegedPod(ALICE).build())).containsExactly("privileged-container");
    }

    @Test
    void aPodBreakingEveryRuleRaisesEachDetectorOnceAndOneFindingEach() {
        NormalizedEvent nodeTakeover = AuditEvents.by(ALICE).create("pods", "kube-system", "kube-proxy-helper")
                .podSpec(spec().images("docker.io/xmrig/xmrig:6.21.0").privileged("helper").hostPaths("/")
                        .hostPID().hostNetwork().addCapabilities("SYS_ADMIN").build()).build();

        List<Alert> alerts = WorkloadEvents.detect(nodeTakeover).stream()
                .filter(a -> WORKLOAD_FINDINGS.contains(a.detector())).toList();

        assertThat(alerts).extracting(Alert::detector).containsExactlyInAnyOrder("privileged-container",
                "sensitive-host-mount", "host-namespace-sharing", "dangerous-capabilities", "workload-in-system-namespace",
                "suspicious-image");
        assertThat(alerts).extracting(Alert::fingerprint).doesNotHaveDuplicates();
        assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
    }

    @Test
    void aCrossTenantWorkloadWriteRaisesTheWriteAndTheSpecFindings() {
        NormalizedEvent intoBeta = AuditEvents.by(ALPHA_DEPLOYER).create("pods", "beta-prod", "debug")
                .podSpec(spec().hostNetwork().hostPaths("/var/lib/kubelet").build()).build();

        assertThat(WorkloadEvents.detectorsRaising(intoBeta)).contains("cross-tenant-write");
        assertThat(workloadFindings(intoBeta)).containsExactlyInAnyOrder("host-namespace-sharing", "sensitive-host-mount");
    }

    @Test
    void aHarmlessDeploymentRaisesNothing() {
        assertThat(workloadFindings(AuditEvents.by(ALPHA_DEPLOYER).create("deployments", "alpha-prod", "web")
                .podSpec(spec().images("nginx:1.27").hostPaths("/var/lib/app-data").addCapabilities("NET_BIND_SERVICE")
                        .build()).build())).isEmpty();
    }

    /** The group B detectors (privileged-container included) among those the catalogue raises. */
    private static List<String> workloadFindings(NormalizedEvent event) {
        return WorkloadEvents.detectorsRaising(event).stream().filter(WORKLOAD_FINDINGS::contains).toList();
    }

    private static List<String> examinedBy(DetectorRegistry registry, NormalizedEvent event) {
        List<String> examined = new ArrayList<>();
        registry.detect(new EventContext(event), new DetectionListener() {
            @Override
            public void examined(String detectorId) {
                examined.add(detectorId);
            }
        }, alert -> {});
        return examined;
    }
}
