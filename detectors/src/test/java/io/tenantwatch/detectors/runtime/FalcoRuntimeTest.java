package io.tenantwatch.detectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.FalcoEvents;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FalcoRuntimeTest {

    private static final String POD = "web-7d4b9c8f5-x2x9q";
    private final FalcoRuntime detector = new FalcoRuntime();

    @Test
    void aShellInATenantPodIsRaisedForThatTenant() {
        NormalizedEvent event = FalcoEvents.terminalShell("alpha-prod", POD)
                .uuid("0b9f2c4e-7d1a-4e3b-9c8d-2f6a1e5b7c9d")
                .build();

        Alert alert = Detect.single(detector, event);

        assertThat(alert.detector()).isEqualTo("falco-runtime");
        assertThat(alert.source()).isEqualTo("falco");
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.title()).isEqualTo("Falco: Terminal shell in container");
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.namespace()).isEqualTo("alpha-prod");
        assertThat(alert.actor().username()).isEqualTo("root");
        assertThat(alert.actor().type()).isEqualTo(ActorType.PROCESS);
        assertThat(alert.summary())
                .isEqualTo("Falco \"Terminal shell in container\" (Notice) in pod " + POD
                        + " (container web) in namespace alpha-prod of tenant alpha on host " + FalcoEvents.NODE
                        + ": sh -c clear; (bash || ash || sh)");
        assertThat(alert.evidence().falcoRule()).isEqualTo("Terminal shell in container");
        assertThat(alert.evidence().falcoUuid()).isEqualTo("0b9f2c4e-7d1a-4e3b-9c8d-2f6a1e5b7c9d");
        assertThat(alert.evidence().auditIds()).isEmpty();
        assertThat(alert.evidence().details())
                .containsExactly(
                        "priority: Notice",
                        "image: contoso.azurecr.io/alpha/web:1.4.2",
                        "command: sh -c clear; (bash || ash || sh)");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Execution", "T1059"));
        assertThat(Detect.single(detector, event)).isEqualTo(alert);
    }

    @ParameterizedTest
    @CsvSource({
        "Emergency, critical",
        "Alert, critical",
        "Critical, critical",
        "Error, high",
        "Warning, medium",
        "Notice, low",
        "Informational, info",
        "Info, info",
        "Debug, info",
        "CRITICAL, critical",
        "warning, medium",
        "informational, info",
        "Bogus, medium"
    })
    void severityFollowsFalcosPriority(String priority, String severity) {
        Alert alert = Detect.single(
                detector,
                FalcoEvents.alert("Custom rule", priority).pod("beta-prod", POD).build());

        assertThat(alert.severity()).isEqualTo(Severity.fromLabel(severity));
    }

    @Test
    void aMissingPriorityIsMedium() {
        assertThat(Detect.single(
                                detector,
                                FalcoEvents.alert("Custom rule", null)
                                        .pod("beta-prod", POD)
                                        .build())
                        .severity())
                .isEqualTo(Severity.MEDIUM);
    }

    @ParameterizedTest
    @CsvSource({"Notice, medium", "Warning, high", "Error, critical", "Critical, critical", "Debug, low"})
    void aPlatformNamespaceRaisesOneLevel(String priority, String severity) {
        Alert alert = Detect.single(
                detector,
                FalcoEvents.alert("Custom rule", priority)
                        .pod("kube-system", "konnectivity-agent-7f8c9d6b5-p2l4m")
                        .build());

        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.severity()).isEqualTo(Severity.fromLabel(severity));
        assertThat(alert.summary()).contains("in platform namespace kube-system");
    }

    @Test
    void aHostAlertWithNoNamespaceIsPlatformButNotRaised() {
        Alert alert = Detect.single(
                detector,
                FalcoEvents.sensitiveFileRead(null, null)
                        .field("container.name", "host")
                        .build());

        assertThat(alert.namespace()).isNull();
        assertThat(alert.tenant()).isEqualTo("_platform");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.summary())
                .isEqualTo("Falco \"Read sensitive file untrusted\" (Warning) outside any Kubernetes "
                        + "namespace on host " + FalcoEvents.NODE + ": cat /etc/shadow");
        assertThat(alert.evidence().details()).contains("file: /etc/shadow");
    }

    @Test
    void twoRulesInOnePodAreTwoFindingsAndARepeatIsOne() {
        Alert shell = Detect.single(
                detector,
                FalcoEvents.terminalShell("alpha-prod", POD).uuid("u-1").build());
        Alert shellAgain = Detect.single(
                detector,
                FalcoEvents.terminalShell("alpha-prod", POD).uuid("u-2").build());
        Alert fileRead = Detect.single(
                detector,
                FalcoEvents.sensitiveFileRead("alpha-prod", POD).uuid("u-3").build());

        assertThat(fileRead.fingerprint()).isNotEqualTo(shell.fingerprint());
        assertThat(shellAgain.fingerprint()).isEqualTo(shell.fingerprint());
        assertThat(shellAgain.id()).isNotEqualTo(shell.id());
    }

    @Test
    void mitreComesFromTheRuleTags() {
        assertThat(Detect.single(
                                detector,
                                FalcoEvents.sensitiveFileRead("beta-prod", POD).build())
                        .mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1555"));
        assertThat(Detect.single(
                                detector,
                                FalcoEvents.alert("GCP plugin style", "Warning")
                                        .tags("CloudArmor", "GCP", "T1562-impair-defenses", "TA0005-defense-evasion")
                                        .pod("beta-prod", POD)
                                        .build())
                        .mitre())
                .isEqualTo(new Alert.Mitre("Defense Evasion", "T1562"));
        assertThat(Detect.single(
                                detector,
                                FalcoEvents.alert("Sub-technique", "Warning")
                                        .tags("mitre_credential_access", "T1552.001")
                                        .pod("beta-prod", POD)
                                        .build())
                        .mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1552.001"));
        assertThat(Detect.single(
                                detector,
                                FalcoEvents.alert("open_from_cat", "Warning")
                                        .tags("filesystem", "process", "testing")
                                        .pod("beta-prod", POD)
                                        .build())
                        .mitre())
                .isEqualTo(FalcoRuntime.SPEC.mitre());
    }

    @Test
    void falcoInternalRulesAreNotDetections() {
        assertThat(Detect.with(
                        detector,
                        FalcoEvents.alert("Falco internal: syscall event drop", "Debug")
                                .build()))
                .isEmpty();
    }

    @Test
    void aTokenOnTheCommandLineIsRedacted() {
        Alert alert = Detect.single(
                detector,
                FalcoEvents.alert("Contact K8S API Server From Container", "Notice")
                        .pod("beta-prod", POD)
                        .field(
                                "proc.cmdline",
                                "curl -sk -H Authorization: Bearer "
                                        + "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl https://10.0.0.1/api")
                        .build());

        assertThat(alert.summary()).doesNotContain("eyJ").contains("Bearer [redacted]");
        assertThat(alert.evidence().details()).allSatisfy(d -> assertThat(d).doesNotContain("eyJ"));
    }
}
