package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.KafkaConnection;
import io.tenantwatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
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
        ServiceConfig edge =
                ServiceTest.config(dir.resolve("front")).detect(null).build();
        try (TenantWatchService front = new TenantWatchService(edge).start(alerts::add)) {
            await().atMost(Duration.ofSeconds(60)).until(front::ready);
            ServiceConfig detectOnly = ServiceConfig.builder(dir.resolve("detect"))
                    .kafka(KafkaConnection.plain(front.bootstrapServers()))
                    .topics(new TopicLayout(Topics.DEFAULT_PREFIX, 2, (short) 1))
                    .detect(DetectConfig.DEFAULTS)
                    .build();
            try (TenantWatchService detection = new TenantWatchService(detectOnly).start(a -> {
                throw new AssertionError("a detection-only process hands out no alerts");
            })) {
                await().atMost(Duration.ofSeconds(60)).until(detection::ready);
                assertThat(detection.endpoints()).doesNotContainKey("receivers");

                assertThat(ServiceTest.post(
                                        front.receiverPort(),
                                        "/v1/audit/aks-split",
                                        ServiceTest.TOKEN,
                                        ServiceTest.eventList("exec_pod.json"))
                                .statusCode())
                        .isEqualTo(200);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alerts)
                        .filteredOn(a -> "aks-split".equals(a.cluster()))
                        .extracting(Alert::detector)
                        .contains("pod-exec"));
            }
        }
    }

    @Test
    void anUnknownPartIsAUsageError() {
        CommandRun run = CommandRun.of("run", "--components", "ingest,detectors");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .isEqualTo(
                        "tenantwatch run: --components ingest,detectors: unknown part 'detectors' (ingest, detect, alerting)");
    }
}
