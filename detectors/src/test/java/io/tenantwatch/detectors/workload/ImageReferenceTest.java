package io.tenantwatch.detectors.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "nginx, docker.io, library/nginx, -",
                "nginx:1.27, docker.io, library/nginx, 1.27",
                "aquasec/kube-hunter:0.6.8, docker.io, aquasec/kube-hunter, 0.6.8",
                "docker.io/library/busybox:1.36, docker.io, library/busybox, 1.36",
                "index.docker.io/xmrig/xmrig, docker.io, xmrig/xmrig, -",
                "contoso.azurecr.io/alpha/web:1.4.2, contoso.azurecr.io, alpha/web, 1.4.2",
                "mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.29.2, mcr.microsoft.com, oss/kubernetes/kube-proxy, v1.29.2",
                "localhost:5000/tools/scanner:dev, localhost:5000, tools/scanner, dev",
                "localhost/tools/scanner, localhost, tools/scanner, -",
                "10.0.0.5:5000/ccminer, 10.0.0.5:5000, ccminer, -",
                "Registry/xmrig, registry, xmrig, -",
                "bitnami/redis@sha256:0a2f3c9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f, docker.io, bitnami/redis, -",
                "ghcr.io/org/app:1.0@sha256:0a2f3c9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f, ghcr.io, org/app, 1.0"
            })
    void referencesAreSplitAsDockerSplitsThem(String image, String registry, String repository, String tag) {
        ImageReference reference = ImageReference.parse(image);

        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(tag);
    }

    @Test
    void theNameIsTheLastSegment() {
        assertThat(ImageReference.parse("docker.io/minerboy/xmrig:6.21").name()).isEqualTo("xmrig");
        assertThat(ImageReference.parse("nginx:xmrig").name()).isEqualTo("nginx");
        assertThat(ImageReference.parse("nginx").qualifiedRepository()).isEqualTo("docker.io/library/nginx");
    }

    @Test
    void blankIsNoReference() {
        assertThat(ImageReference.parse(" ")).isNull();
        assertThat(ImageReference.parse(null)).isNull();
    }

    @Test
    void anEntryNamesARegistryOnlyBeforeASlash() {
        assertThat(ImageReference.namesRegistry("ghcr.io/evil/*")).isTrue();
        assertThat(ImageReference.namesRegistry("localhost:5000/x")).isTrue();
        assertThat(ImageReference.namesRegistry("aquasec/kube-hunter")).isFalse();
        assertThat(ImageReference.namesRegistry("xmr-stak.v2")).isFalse();
    }
}
