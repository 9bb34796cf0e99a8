package io.tenantwatch.detectors.workload;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.REPLICASET_CONTROLLER;
import static io.tenantwatch.detectors.testing.WorkloadEvents.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.Identities;
import io.tenantwatch.detectors.testing.WorkloadEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.events.PodSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuspiciousImageTest {

    private final SuspiciousImage detector = new SuspiciousImage();

    private static NormalizedEvent deploymentWith(String... images) {
        return AuditEvents.by(ALICE)
                .create("deployments", "alpha-prod", "web-worker")
                .podSpec(spec().images(images).build())
                .build();
    }

    @Test
    void aMinerDeploymentIsRaised() {
        Alert alert = Detect.single(detector, deploymentWith("xmrig/xmrig:6.21.0"));

        assertThat(alert.detector()).isEqualTo("suspicious-image");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("alice@contoso.com (tenant alpha) created deployments/web-worker with suspicious "
                        + "image xmrig/xmrig:6.21.0 in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "suspicious image: xmrig/xmrig:6.21.0 (matches xmrig*)",
                        "workload: web-worker",
                        "images: xmrig/xmrig:6.21.0");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Impact", "T1496 Resource Hijacking"));
    }

    @ParameterizedTest
    @CsvSource({
        "xmrig, xmrig*",
        "docker.io/metal3d/xmrig:latest, xmrig*",
        "ghcr.io/someone/xmrig-cuda:6.21, xmrig*",
        "Registry/xmrig, xmrig*",
        "index.docker.io/minerboy/xmr-stak-cpu@sha256:0a2f3c9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f, xmr-stak*",
        "kdevtmpfsi, kdevtmpfsi",
        "registry.example.com:5000/tools/cgminer, cgminer",
        "10.0.0.5:5000/ccminer:2.3, ccminer",
        "minerd:2.5, minerd",
        "trexminer/t-rex:0.26.8, t-rex",
        "lolminer:1.88, lolminer",
        "nbminer:42.3, nbminer",
        "aquasec/kube-hunter:0.6.8, kube-hunter",
        "ghcr.io/aquasecurity/kube-hunter, kube-hunter",
        "docker.io/devtools/peirates:latest, peirates",
        "someone/cryptominer:1, *miner*",
        "c3pool/miner-proxy/worker:2, *miner*"
    })
    void knownMinersAndAttackToolsAreRaised(String image, String entry) {
        assertThat(Detect.single(detector, deploymentWith(PodSpecs.WEB_IMAGE, image))
                        .evidence()
                        .details())
                .startsWith("suspicious image: " + image + " (matches " + entry + ")");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nginx:1.27",
                "nginx:xmrig",
                "contoso.azurecr.io/alpha/web:xmrig-free",
                "minerals.azurecr.io/geo/api:2.1",
                "mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.29.2",
                "bitnami/redis@sha256:0a2f3c9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f",
                "minio/minio:latest",
                "contoso.azurecr.io/kube-hunter-report-viewer:1",
                "aquasec/trivy:0.50.1",
                "docker.io/library/busybox:1.36"
            })
    void ordinaryImagesAreQuiet(String image) {
        assertThat(Detect.with(detector, deploymentWith(image))).isEmpty();
    }

    @Test
    void theCorpusImagesAreQuiet() {
        assertThat(Detect.with(detector, WorkloadEvents.createNginxPodSensitiveMount2ndContainer()))
                .isEmpty();
        assertThat(Detect.with(
                        detector, WorkloadEvents.stratusPrivilegedPod(ALICE).build()))
                .isEmpty();
    }

    @Test
    void everySuspiciousImageOfAPodIsNamedInOneAlert() {
        Alert alert = Detect.single(
                detector,
                AuditEvents.by(Identities.DAVE)
                        .create("pods", "beta-dev", "recon")
                        .podSpec(spec().images("aquasec/kube-hunter:0.6.8", "nginx:1.27", "xmrig/xmrig")
                                .build())
                        .build());

        assertThat(alert.summary())
                .contains("with suspicious images aquasec/kube-hunter:0.6.8, xmrig/xmrig in namespace beta-dev");
        assertThat(alert.evidence().details())
                .startsWith(
                        "suspicious image: aquasec/kube-hunter:0.6.8 (matches kube-hunter)",
                        "suspicious image: xmrig/xmrig (matches xmrig*)");
    }

    @Test
    void theListIsConfigurableWithNamesPathsAndRegistries() {
        SuspiciousImage custom = new SuspiciousImage(List.of("GHCR.io/evil/*", "contoso/forbidden-tool", "netshoot"));

        assertThat(Detect.with(custom, deploymentWith("ghcr.io/evil/scanner:1")))
                .hasSize(1);
        assertThat(Detect.with(custom, deploymentWith("ghcr.io/good/scanner:1")))
                .isEmpty();
        assertThat(Detect.with(custom, deploymentWith("docker.io/contoso/forbidden-tool:2")))
                .hasSize(1);
        assertThat(Detect.with(custom, deploymentWith("nicolaka/netshoot:v0.13")))
                .hasSize(1);
        assertThat(Detect.with(custom, deploymentWith("xmrig/xmrig"))).isEmpty();
        assertThat(custom.matchingEntry("ghcr.io/evil/scanner")).isEqualTo("GHCR.io/evil/*");
        assertThat(Detect.with(new SuspiciousImage(List.of()), deploymentWith("xmrig/xmrig")))
                .isEmpty();
        assertThatThrownBy(() -> new SuspiciousImage(List.of("bad name"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeploymentAndItsPodsAreOneFinding() {
        Alert deployment = Detect.single(detector, deploymentWith("xmrig/xmrig:6.21.0"));
        Alert pod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-worker-8d7c6b5a9")
                        .podSpec(spec().images("xmrig/xmrig:6.21.0")
                                .templateHash("8d7c6b5a9")
                                .build())
                        .build());

        assertThat(pod.fingerprint()).isEqualTo(deployment.fingerprint());
    }

    @Test
    void platformWritesInPlatformNamespacesAreQuietUnlessConfigured() {
        NormalizedEvent event = AuditEvents.by(AKS_SERVICE)
                .create("deployments", "kube-system", "miner-exporter")
                .podSpec(spec().images("mcr.microsoft.com/oss/miner-exporter:1.0")
                        .build())
                .build();

        assertThat(Detect.with(detector, event)).isEmpty();
        assertThat(Detect.with(new SuspiciousImage(SuspiciousImage.DEFAULT_IMAGES, false), event))
                .hasSize(1);
    }

    @Test
    void refusedWritesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "x")
                                .podSpec(spec().images("xmrig/xmrig").build())
                                .forbidden()
                                .build()))
                .isEmpty();
    }
}
