package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.InteractiveEvents;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import org.junit.jupiter.api.Test;

class EphemeralContainerTest {

    private static final String POD = "web-7d4b9c8f5-x2x9q";
    private final EphemeralContainer detector = new EphemeralContainer();

    @Test
    void kubectlDebugIntoATenantPodIsRaised() {
        Alert alert = Detect.single(
                detector,
                InteractiveEvents.debug(MASTERCLIENT, "alpha-prod", POD).build());

        assertThat(alert.detector()).isEqualTo("ephemeral-container");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.resource().subresource()).isEqualTo("ephemeralcontainers");
        assertThat(alert.summary())
                .isEqualTo("masterclient (admin) patched pods/" + POD + "/ephemeralcontainers in namespace "
                        + "alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly("images: " + PodSpecs.WEB_IMAGE + ", " + InteractiveEvents.DEBUG_IMAGE);
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Execution", "T1610 Deploy Container"));
    }

    @Test
    void aTenantMemberDebuggingItsOwnPodIsRaisedToo() {
        assertThat(Detect.detectorsRaising(
                        InteractiveEvents.debug(ALICE, "alpha-dev", POD).build()))
                .contains("ephemeral-container")
                .doesNotContain("pod-exec", "cross-tenant-write");
        assertThat(Detect.with(
                        detector,
                        InteractiveEvents.debug(ALICE, "alpha-dev", POD)
                                .verb("update")
                                .build()))
                .hasSize(1);
    }

    @Test
    void aCrossTenantDebugIsAlsoACrossTenantWrite() {
        assertThat(Detect.detectorsRaising(InteractiveEvents.debug(ALICE, "beta-prod", "payments-api-6c9f7d8b4-k2x7q")
                        .build()))
                .contains("cross-tenant-write", "ephemeral-container");
    }

    @Test
    void aPrivilegedDebugContainerIsAlsoAPrivilegedContainer() {
        // kubectl debug --profile=sysadmin
        assertThat(Detect.detectorsRaising(InteractiveEvents.debug(DAVE, "alpha-prod", POD)
                        .podSpec(WorkloadEvents.spec()
                                .images(PodSpecs.WEB_IMAGE, InteractiveEvents.DEBUG_IMAGE)
                                .privileged("debugger-7xk2p")
                                .build())
                        .build()))
                .contains("ephemeral-container", "privileged-container");
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        InteractiveEvents.debug(AKS_SERVICE, "kube-system", "coredns-5d78c9869d-kx4qz")
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedWritesReadsAndOtherPodWritesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        InteractiveEvents.debug(DAVE, "alpha-prod", POD)
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        InteractiveEvents.debug(DAVE, "alpha-prod", POD)
                                .code(422)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .get("pods", "alpha-prod", POD)
                                .subresource("ephemeralcontainers")
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE).patch("pods", "alpha-prod", POD).build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(NODE)
                                .patch("pods", "alpha-prod", POD)
                                .subresource("status")
                                .build()))
                .isEmpty();
    }
}
