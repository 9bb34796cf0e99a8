package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.InteractiveEvents;
import io.tenantwatch.detectors.testing.PublishedCatalogue;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Group C as the lead registers it: {@link InteractiveDetectors#DEFINITIONS} next to the built-in catalogue. */
class InteractiveDetectorsTest {

    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");

    private final List<Detector> detectors = Detect.withDefaults(InteractiveDetectors.DEFINITIONS);

    @Test
    void theListHoldsEveryGroupCDetectorOnce() {
        PublishedCatalogue.assertPublishedAs(DetectorGroup.INTERACTIVE, InteractiveDetectors.DEFINITIONS);
        // id = class name, package, title and tactic: BuiltInDetectorsTest, for the whole catalogue
        for (Detector d : detectors) {
            assertThat(d.spec().group()).isEqualTo(DetectorGroup.INTERACTIVE);
            assertThat(d.spec().mitre().technique()).matches(TECHNIQUE);
        }
    }

    @Test
    void theyMeetOnlyPodAndNodeEvents() {
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
                                .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh")
                                .build()))
                .containsExactlyInAnyOrder(
                        "pod-exec",
                        "exec-suspicious-command",
                        "platform-exec-into-tenant",
                        "port-forward",
                        "ephemeral-container");
        assertThat(Detect.examinedBy(registry, InteractiveEvents.stratusNodesProxy(DAVE)))
                .containsExactly("node-proxy-access");
    }

    @Test
    void theStratusSamplesRaiseTheirDetectorsAlongsideTheBuiltInCatalogue() {
        assertThat(Detect.detectorsRaising(
                        InteractiveEvents.stratusStealServiceAccountToken(DAVE).build()))
                .contains("pod-exec", "exec-suspicious-command");
        assertThat(Detect.detectorsRaising(InteractiveEvents.stratusNodesProxy(DAVE)))
                .contains("node-proxy-access");
    }

    @Test
    void aBenignExecRaisesOnlyPodExec() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(DAVE)
                        .exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "ls", "/tmp")
                        .build()))
                .contains("pod-exec")
                .doesNotContain("exec-suspicious-command");
    }
}
