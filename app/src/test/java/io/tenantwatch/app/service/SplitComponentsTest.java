package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split deployment in two processes' worth of services on one broker: ingest and alerting in
 * one, detection alone in the other; an event received by the first is detected by the second
 * and its alert handed out by the first.
 */
class SplitComponentsTest {

    @TempDir
    Path dir;

    @Test
    void ingestAndAlertingInOneServiceDetectionInAnother() throws Exception {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Components edge = new Components(EnumSet.of(Components.Component.INGEST, Components.Component.ALERTING),
                List.of(), null, false);
        try (TenantWatchService front = new TenantWatchService(ServiceTest.options(dir.resolve("front")).withComponents(edge))
                .start(alerts::add)) {
            await().atMost(Duration.ofSeconds(60)).until(front::ready);
            Components detectOnly = new Components(EnumSet.of(Components.Component.DETECT), List.of(), null, false);
            ServiceOptions detectOptions = new ServiceOptions(front.bootstrapServers(), dir.resolve("detect"), 0, 0, null, null,
                    null, io.tenantwatch.ingest.http.BearerTokens.parse(null), io.tenantwatch.schemas.TenancyConfig.EMPTY,
                    io.tenantwatch.detectors.config.DetectorConfig.DEFAULTS, null, "default",
                    io.tenantwatch.schemas.Topics.DEFAULT_PREFIX, 2, (short) 1).withComponents(detectOnly);
            try (TenantWatchService detection = new TenantWatchService(detectOptions).start(a -> {
                throw new AssertionError("a detection-only process hands out no alerts");
            })) {
                await().atMost(Duration.ofSeconds(60)).until(detection::ready);
                assertThat(detection.endpoints()).doesNotContainKey("receivers");

                assertThat(ServiceTest.post(front.receiverPort(), "/v1/audit/aks-split", ServiceTest.TOKEN,
                        ServiceTest.eventList("exec_pod.json")).statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alerts)
                        .filteredOn(a -> "aks-split".equals(a.cluster())).extracting(Alert::detector).contains("pod-exec"));
            }
        }
    }

    @Test
    void anUnknownPartIsAUsageError() {
        CommandRun run = CommandRun.of("run", "--components", "ingest,detectors");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("tenantwatch run: --components ingest,detectors: unknown part 'detectors' (ingest, detect, alerting)");
    }
}
