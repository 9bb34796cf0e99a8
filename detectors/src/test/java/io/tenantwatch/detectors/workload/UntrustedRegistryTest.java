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
import io.tenantwatch.testkit.events.PodSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UntrustedRegistryTest {

    /** An AKS shop: its own registry and Microsoft's. */
    private final UntrustedRegistry detector =
            new UntrustedRegistry(List.of("contoso.azurecr.io", "mcr.microsoft.com"));

    private static NormalizedEvent deploymentWith(String... images) {
        return AuditEvents.by(ALPHA_DEPLOYER)
                .create("deployments", "alpha-prod", "web")
                .podSpec(spec().images(images).build())
                .build();
    }

    @Test
    void anImageFromDockerHubIsRaised() {
        Alert alert = Detect.single(detector, deploymentWith(PodSpecs.WEB_IMAGE, "nginx:1.27"));

        assertThat(alert.detector()).isEqualTo("untrusted-registry");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha:deployer (tenant alpha) created deployments/web with "
                        + "image nginx:1.27 from untrusted registry docker.io in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "untrusted image: nginx:1.27 (registry docker.io)",
                        "allowed registries: contoso.azurecr.io, mcr.microsoft.com",
                        "workload: web",
                        "images: contoso.azurecr.io/alpha/web:1.4.2, nginx:1.27");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Execution", "T1610 Deploy Container"));
    }

    @Test
    void itIsOffWhileTheListIsEmpty() {
        UntrustedRegistry byDefault = new UntrustedRegistry();

        assertThat(Detect.with(byDefault, deploymentWith("nginx:1.27"))).isEmpty();
        assertThat(Detect.with(byDefault, WorkloadEvents.createNginxPodHostNetwork()))
                .isEmpty();
        assertThat(Detect.with(
                        byDefault, WorkloadEvents.stratusPrivilegedPod(ALICE).build()))
                .isEmpty();
    }

    @Test
    void theStratusPrivilegedPodIsRaisedOnceRegistriesArePinned() {
        Alert alert = Detect.single(
                detector, WorkloadEvents.stratusPrivilegedPod(ALICE).build());

        assertThat(alert.summary())
                .contains("with image busybox:stable from untrusted registry docker.io in namespace "
                        + "stratus-red-team-umusjhhg (no tenant)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "contoso.azurecr.io/alpha/web:1.4.2",
                "CONTOSO.azurecr.io/alpha/web:1.4.2",
                "mcr.microsoft.com/oss/nginx/nginx:1.25.4",
                "mcr.microsoft.com/azuremonitor/containerinsights/ciprod:3.1.20"
            })
    void imagesFromAllowedRegistriesAreQuiet(String image) {
        assertThat(Detect.with(detector, deploymentWith(image))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "contoso.azurecr.io.evil.com/alpha/web:1.4.2",
                "evil.com/contoso.azurecr.io/alpha/web",
                "contoso/azurecr.io",
                "ghcr.io/contoso/web:1",
                "localhost/alpha/web",
                "contosoazurecr.io/alpha/web"
            })
    void lookalikesAreNotTheAllowedRegistry(String image) {
        assertThat(Detect.with(detector, deploymentWith(image))).hasSize(1);
    }

    @Test
    void registriesAreReadAsDockerReadsThem() {
        UntrustedRegistry hubOnly = new UntrustedRegistry(List.of("index.docker.io"));
        assertThat(Detect.with(
                        hubOnly,
                        deploymentWith(
                                "nginx",
                                "bitnami/redis:7.2",
                                "docker.io/library/busybox:1.36",
                                "index.docker.io/library/alpine")))
                .isEmpty();
        assertThat(Detect.with(hubOnly, deploymentWith("quay.io/prometheus/node-exporter")))
                .hasSize(1);

        UntrustedRegistry localPort = new UntrustedRegistry(List.of("localhost:5000"));
        assertThat(Detect.with(localPort, deploymentWith("localhost:5000/tools/scanner:dev")))
                .isEmpty();
        assertThat(Detect.with(localPort, deploymentWith("localhost/tools/scanner:dev")))
                .hasSize(1);
    }

    @Test
    void entriesMayBeGlobsOrPartsOfARegistry() {
        UntrustedRegistry anyAcr = new UntrustedRegistry(List.of("*.azurecr.io"));
        assertThat(Detect.with(anyAcr, deploymentWith("fabrikam.azurecr.io/app:2")))
                .isEmpty();
        assertThat(Detect.with(anyAcr, deploymentWith("azurecr.io.evil.com/app:2")))
                .hasSize(1);

        UntrustedRegistry officialImages = new UntrustedRegistry(List.of("docker.io/library/"));
        assertThat(Detect.with(officialImages, deploymentWith("nginx:1.27", "docker.io/library/busybox:1.36")))
                .isEmpty();
        assertThat(Detect.with(officialImages, deploymentWith("bitnami/redis:7.2")))
                .hasSize(1);
        assertThat(Detect.with(officialImages, deploymentWith("docker.io/libraryx/redis")))
                .hasSize(1);

        assertThatThrownBy(() -> new UntrustedRegistry(List.of("contoso.azurecr.io", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyUntrustedImageIsNamedInOneAlert() {
        Alert alert =
                Detect.single(detector, deploymentWith("nginx:1.27", PodSpecs.WEB_IMAGE, "ghcr.io/org/sidecar:1.0"));

        assertThat(alert.summary())
                .contains("with images from untrusted registries nginx:1.27 (docker.io), "
                        + "ghcr.io/org/sidecar:1.0 (ghcr.io) in namespace alpha-prod");
        assertThat(alert.evidence().details())
                .startsWith(
                        "untrusted image: nginx:1.27 (registry docker.io)",
                        "untrusted image: ghcr.io/org/sidecar:1.0 (registry ghcr.io)");
    }

    @Test
    void aDeploymentAndItsPodsAreOneFinding() {
        Alert deployment = Detect.single(detector, deploymentWith("nginx:1.27"));
        Alert pod = Detect.single(
                detector,
                AuditEvents.by(REPLICASET_CONTROLLER)
                        .create("pods", "alpha-prod", null)
                        .ownedBy("ReplicaSet", "web-55f8c7d9b")
                        .podSpec(spec().images("nginx:1.27")
                                .templateHash("55f8c7d9b")
                                .build())
                        .build());

        assertThat(pod.fingerprint()).isEqualTo(deployment.fingerprint());
    }

    @Test
    void platformAddOnsInPlatformNamespacesAreQuietUnlessConfigured() {
        NormalizedEvent addOn = AuditEvents.by(DAEMON_SET_CONTROLLER)
                .create("pods", "kube-system", null)
                .ownedBy("DaemonSet", "calico-node")
                .podSpec(spec().images("docker.io/calico/node:v3.27.0").build())
                .build();

        assertThat(Detect.with(detector, addOn)).isEmpty();
        assertThat(Detect.with(new UntrustedRegistry(List.of("contoso.azurecr.io"), false), addOn))
                .hasSize(1);
    }

    @Test
    void refusedWritesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALICE)
                                .create("pods", "alpha-dev", "x")
                                .podSpec(spec().images("nginx:1.27").build())
                                .forbidden()
                                .build()))
                .isEmpty();
    }
}
