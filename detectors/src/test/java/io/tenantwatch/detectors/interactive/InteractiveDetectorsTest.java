package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.detectors.testing.InteractiveEvents;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Group C as the lead registers it: {@link InteractiveDetectors#all()} next to the built-in catalogue. */
class InteractiveDetectorsTest {

    private static final List<String> GROUP_C = List.of("pod-exec", "exec-suspicious-command", "node-proxy-access", "port-forward",
            "ephemeral-container");
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})? [A-Z].*");

    private final List<Detector> detectors = InteractiveDetectors.all();

    @Test
    void theListHoldsEveryGroupCDetectorOnce() {
        assertThat(detectors).extracting(Detector::id).containsExactlyElementsOf(GROUP_C);
        for (Detector d : detectors) {
            assertThat(d.id()).isEqualTo(d.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT));
            assertThat(d.spec().group()).isEqualTo(DetectorGroup.INTERACTIVE);
            assertThat(d.getClass().getPackageName()).isEqualTo("io.tenantwatch.detectors.interactive");
            assertThat(d.spec().title()).isNotBlank();
            assertThat(d.spec().mitre().tactic()).isNotBlank();
            assertThat(d.spec().mitre().technique()).matches(TECHNIQUE);
        }
    }

    @Test
    void theyMeetOnlyPodAndNodeEvents() {
        DetectorRegistry registry = new DetectorRegistry(detectors);

        assertThat(examinedBy(registry, AuditEvents.by(ALICE).get("configmaps", "alpha-prod", "settings").build())).isEmpty();
        assertThat(examinedBy(registry, FalcoEvents.terminalShell("alpha-prod", "web-7d4b9c8f5-x2x9q").build())).isEmpty();
        assertThat(examinedBy(registry, AuditEvents.by(ALICE).exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh").build()))
                .containsExactlyInAnyOrder("pod-exec", "exec-suspicious-command", "port-forward", "ephemeral-container");
        assertThat(examinedBy(registry, InteractiveEvents.stratusNodesProxy(DAVE))).containsExactly("node-proxy-access");
    }

    @Test
    void theStratusSamplesRaiseTheirDetectorsAlongsideTheBuiltInCatalogue() {
        assertThat(InteractiveEvents.detectorsRaising(InteractiveEvents.stratusStealServiceAccountToken(DAVE).build()))
                .contains("pod-exec", "exec-suspicious-command");
        assertThat(InteractiveEvents.detectorsRaising(InteractiveEvents.stratusNodesProxy(DAVE))).contains("node-proxy-access");
    }

    @Test
    void aBenignExecRaisesOnlyPodExec() {
        assertThat(InteractiveEvents.detectorsRaising(AuditEvents.by(DAVE).exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "ls", "/tmp")
                .build())).contains("pod-exec").doesNotContain("exec-suspicious-command");
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
