package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.testkit.events.AuditEventLists;
import io.tenantwatch.testkit.events.DeniedRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windowed detector across a restart, on the real embedded broker: the service is stopped in the
 * middle of a forbidden-burst window and started again on the same data directory; the window's
 * denials from both runs are counted together (its store is changelogged) and its alert fires
 * exactly once, when stream time passes the window's end and grace. A denial for that window
 * arriving afterwards is late: not counted, and counted on /metrics.
 */
class WindowedRestartTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    private static final String CLUSTER = "aks-prod";

    @TempDir
    Path dataDir;

    @Test
    void aWindowInterruptedByARestartAlertsOnceWithEveryDenial() throws Exception {
        List<String> firstHalf = DeniedRequests.events(0, 6, START);
        List<String> secondHalf = DeniedRequests.events(6, 12, START);
        List<Alert> printed = new CopyOnWriteArrayList<>();

        TenantWatchService first = new TenantWatchService(ServiceTest.options(dataDir)).start(printed::add);
        try {
            await().atMost(Duration.ofSeconds(60)).until(first::ready);
            assertThat(ServiceTest.post(
                                    first.receiverPort(),
                                    "/v1/audit/" + CLUSTER,
                                    ServiceTest.TOKEN,
                                    AuditEventLists.of(firstHalf))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(first.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        } finally {
            first.close();
        }
        assertThat(printed).extracting(Alert::detector).doesNotContain("forbidden-burst");

        TenantWatchService second = new TenantWatchService(ServiceTest.options(dataDir)).start(printed::add);
        try {
            await().atMost(Duration.ofSeconds(60)).until(second::ready);
            assertThat(ServiceTest.post(
                                    second.receiverPort(),
                                    "/v1/audit/" + CLUSTER,
                                    ServiceTest.TOKEN,
                                    AuditEventLists.of(secondHalf))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(second.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(printed)
                    .extracting(Alert::detector)
                    .as("the window [09:00, 09:10) is still open")
                    .doesNotContain("forbidden-burst");

            // The same actor, twenty minutes on: stream time passes 09:10 plus five minutes of grace.
            assertThat(ServiceTest.post(
                                    second.receiverPort(),
                                    "/v1/audit/" + CLUSTER,
                                    ServiceTest.TOKEN,
                                    AuditEventLists.of(
                                            List.of(DeniedRequests.event(0, START.plus(Duration.ofMinutes(20))))))
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() ->
                            assertThat(printed).extracting(Alert::detector).contains("forbidden-burst"));

            // Too late for the closed window: dropped and counted.
            assertThat(ServiceTest.post(
                                    second.receiverPort(),
                                    "/v1/audit/" + CLUSTER,
                                    ServiceTest.TOKEN,
                                    AuditEventLists.of(List.of(DeniedRequests.event(3, START.plusSeconds(300)))))
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(ServiceTest.metrics(second.metricsPort()))
                            .contains("tenantwatch_detection_late_events_total{detector=\"forbidden-burst\"} 1.0"));

            List<Alert> onTopic =
                    RestartTest.readAllAlerts(
                                    second.bootstrapServers(), second.topics().alerts())
                            .stream()
                            .filter(a -> a.detector().equals("forbidden-burst"))
                            .toList();
            assertThat(onTopic).hasSize(1);
            Alert burst = onTopic.get(0);
            assertThat(ContractSchemas.ALERT.problems(burst)).isEmpty();
            assertThat(burst.evidence().count()).isEqualTo(12);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(auditIdOf(DeniedRequests.event(i, START.plusSeconds(10L * i))));
            }
            assertThat(burst.evidence().auditIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(burst.id())
                    .isEqualTo(AlertKeys.alertId("forbidden-burst", CLUSTER, DeniedRequests.ACTOR + "\u001F" + START));
            assertThat(burst.firstSeen()).isEqualTo(START);
            assertThat(burst.lastSeen()).isEqualTo(START.plusSeconds(110));
            assertThat(printed)
                    .filteredOn(a -> a.detector().equals("forbidden-burst"))
                    .hasSize(1);
        } finally {
            second.close();
        }
    }

    private static String auditIdOf(String event) {
        int at = event.indexOf("\"auditID\":\"") + 11;
        return event.substring(at, event.indexOf('"', at));
    }
}
