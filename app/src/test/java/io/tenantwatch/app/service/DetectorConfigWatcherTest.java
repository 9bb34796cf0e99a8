package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.detectors.config.SwappableDetection;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed detectors.yaml takes effect in a running service; an invalid one is refused and counted. */
class DetectorConfigWatcherTest {

    @TempDir
    Path dir;

    /** exec_pod.json as the topology sees it, by someone of no tenant (not an admin, so only pod-exec fires). */
    private static NormalizedEvent adminExec() {
        NormalizedEvent raw = new NormalizedEvent(
                "ca1ed9f4",
                NormalizedEvent.SOURCE_AUDIT,
                "default",
                null,
                Instant.parse("2018-10-26T13:38:34.902914Z"),
                "ca1ed9f4",
                "ResponseStarted",
                new Actor(
                        "dave@fabrikam.com",
                        null,
                        List.of("system:authenticated"),
                        null,
                        null,
                        ActorType.USER,
                        null,
                        null,
                        null,
                        null),
                "create",
                new ResourceRef(null, "pods", "exec", "default", "nginx-deployment-7998647bdf-phvq7"),
                "/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec?command=bash",
                "allow",
                101,
                List.of("192.168.99.1"),
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                null);
        return new Attributor(new StaticTenancy(TenancyConfig.EMPTY), ClusterTenancy.NONE).attribute(raw);
    }

    private static List<String> detectors(SwappableDetection detection) {
        List<Alert> alerts = new ArrayList<>();
        detection.detect(new EventContext(adminExec()), DetectionListener.NONE, alerts::add);
        return alerts.stream().map(Alert::detector).toList();
    }

    private static void write(Path file, String text, int secondsLater) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void aGoodChangeIsAppliedAndABadOneKeepsTheRunningConfiguration() throws Exception {
        Path file = dir.resolve("detectors.yaml");
        write(file, "# defaults\n", 0);
        SwappableDetection detection = new SwappableDetection(
                ConfiguredDetectors.build(BuiltInDetectors.definitions(), DetectorConfig.DEFAULTS));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long started = Instant.now().getEpochSecond();
        try (DetectorConfigWatcher watcher =
                new DetectorConfigWatcher(file, detection, registry, Duration.ofHours(1))) {
            assertThat(detectors(detection)).contains("pod-exec");
            assertThat(gauge(registry, "tenantwatch.config.reload.success")).isEqualTo(1.0);
            assertThat(gauge(registry, "tenantwatch.config.reload.timestamp")).isGreaterThanOrEqualTo(started);

            write(file, "detectors: {pod-exec: {enabled: false}}\n", 10);
            watcher.checkNow();
            assertThat(detectors(detection)).doesNotContain("pod-exec");
            assertThat(gauge(registry, "tenantwatch.config.reload.success")).isEqualTo(1.0);

            write(file, "detectors: {pod-exec: {enabled: maybe}}\n", 20);
            watcher.checkNow();
            assertThat(detectors(detection))
                    .as("the running configuration stays")
                    .doesNotContain("pod-exec");
            // A state, not an event: it stays 0 at every later look while the broken file is in place.
            watcher.checkNow();
            assertThat(gauge(registry, "tenantwatch.config.reload.success")).isEqualTo(0.0);

            assertThat(registry.get("tenantwatch.config.reloads")
                            .tag("outcome", "applied")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(registry.get("tenantwatch.config.reloads")
                            .tag("outcome", "rejected")
                            .counter()
                            .count())
                    .isEqualTo(1.0);

            write(file, "detectors: {pod-exec: {enabled: true}}\n", 30);
            watcher.checkNow();
            assertThat(gauge(registry, "tenantwatch.config.reload.success")).isEqualTo(1.0);
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
