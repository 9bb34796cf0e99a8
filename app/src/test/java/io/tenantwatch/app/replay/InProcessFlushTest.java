package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectorRegistry;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.replay.FileSource;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.testkit.events.DeniedRequests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * replay runs the windowed detectors on event time and flushes them at the end of its input: a
 * burst that no later event closes is still reported, once, and the same file always gives the
 * same alerts.
 */
class InProcessFlushTest {

    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    /** The probing token's twelve denials, read from audit JSON lines by ingest's reader as replay reads them. */
    private static List<NormalizedEvent> probe() throws Exception {
        return read(DeniedRequests.events(0, 12, START));
    }

    private static List<NormalizedEvent> read(List<String> auditLines) throws Exception {
        List<NormalizedEvent> events = new ArrayList<>();
        byte[] lines = String.join("\n", auditLines).getBytes(StandardCharsets.UTF_8);
        new FileSource(new InputReader())
                .read(new ByteArrayInputStream(lines), SourceBinding.fixed("default"), new ReadSink() {
                    @Override
                    public void event(NormalizedEvent e) {
                        events.add(e);
                    }

                    @Override
                    public void skipped(Reason reason, String detail) {}

                    @Override
                    public void rejected(Reason reason, String detail, byte[] original) {}
                });
        return events;
    }

    private static List<Alert> replay(List<NormalizedEvent> events, List<Alert> beforeFlush) {
        try (InProcessDetection detection =
                InProcessDetection.start(TenancyConfig.EMPTY, DetectorRegistry.builtIn(), DetectionListener.NONE)) {
            events.forEach(e -> beforeFlush.addAll(detection.submit(e)));
            List<Alert> all = new ArrayList<>(beforeFlush);
            all.addAll(detection.flush());
            return all;
        }
    }

    @Test
    void aBurstNoLaterEventClosesIsReportedAtTheEndOfTheInputAndTheSameInputGivesTheSameAlerts() throws Exception {
        List<NormalizedEvent> events = probe();
        assertThat(events).hasSize(12);
        List<Alert> beforeFlush = new ArrayList<>();

        List<Alert> first = replay(events, beforeFlush);
        List<Alert> second = replay(events, new ArrayList<>());

        assertThat(beforeFlush).extracting(Alert::detector).doesNotContain("forbidden-burst");
        List<Alert> bursts = first.stream()
                .filter(a -> a.detector().equals("forbidden-burst"))
                .toList();
        assertThat(bursts).hasSize(1);
        assertThat(bursts.get(0).evidence().count()).isEqualTo(12);
        assertThat(bursts.get(0).time()).isEqualTo(Instant.parse("2026-11-20T09:10:00Z"));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void denialsOlderThanTheWindowAndGraceBehindStreamTimeAreCountedAsLateNotDetected() throws Exception {
        // One denial twenty minutes on moves stream time past the probe's window and grace.
        List<NormalizedEvent> events = new ArrayList<>(read(DeniedRequests.events(12, 13, START.plusSeconds(1200))));
        events.addAll(probe());
        DetectionCounts counts = new DetectionCounts();
        List<Alert> alerts = new ArrayList<>();
        try (InProcessDetection detection =
                InProcessDetection.start(TenancyConfig.EMPTY, DetectorRegistry.builtIn(), counts)) {
            events.forEach(e -> alerts.addAll(detection.submit(e)));
            alerts.addAll(detection.flush());
        }

        assertThat(alerts).extracting(Alert::detector).doesNotContain("forbidden-burst");
        assertThat(counts.late()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void flushingWithoutEventsRaisesNothing() {
        try (InProcessDetection detection =
                InProcessDetection.start(TenancyConfig.EMPTY, DetectorRegistry.builtIn(), DetectionListener.NONE)) {
            assertThat(detection.flush()).isEmpty();
        }
    }
}
