package io.tenantwatch.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Topics;
import io.tenantwatch.testkit.events.PodExecEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the service (a JVM of its own, broker included) right after the receiver acknowledged
 * a batch, then a restart on the same data directory: every expected alert is on tw.alerts exactly
 * once, including those of the batch the killed process had not finished, and of a sender's retry.
 */
class KillNineTest {

    static final String TOKEN = "kill-nine-token-4b1f0c";

    @TempDir
    Path dir;

    @Test
    void aServiceKilledMidStreamLosesNothingAndRepeatsNothingAfterItsRestart() throws Exception {
        Path dataDir = dir.resolve("data");
        Path log = dir.resolve("service.log");
        List<String> ids = PodExecEvents.ids(80);
        try (ChildService first = ChildService.start(dataDir, TOKEN, log)) {
            HttpResponse<String> a = ReceiverRequests.post(
                    first.receiverPort(), "/v1/audit", TOKEN, PodExecEvents.eventList(ids, 0, 40));
            assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
            // 200 means the events are in Kafka; the topology has most likely not processed them yet.
            first.kill();
        }
        try (ChildService second = ChildService.start(dataDir, TOKEN, log)) {
            // The rest, and the webhook's retry of part of the first batch (it never saw an answer, say).
            HttpResponse<String> b = ReceiverRequests.post(
                    second.receiverPort(), "/v1/audit", TOKEN, PodExecEvents.eventList(ids, 30, 80));
            assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
            List<Alert> alerts = AlertsTopic.readUntil(
                    second.bootstrapServers(),
                    Topics.defaults().alerts(),
                    read -> AlertsTopic.podExecs(read) >= ids.size(),
                    Duration.ofMinutes(3));
            assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
            List<Alert> execs =
                    alerts.stream().filter(x -> "pod-exec".equals(x.detector())).toList();
            assertThat(execs).flatExtracting(x -> x.evidence().auditIds()).containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}
