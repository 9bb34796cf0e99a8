package io.tenantwatch.app.bench;

import io.tenantwatch.app.ProgressLine;
import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.app.replay.DetectionCounts;
import io.tenantwatch.app.replay.InProcessDetection;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.TenancyConfig;

/**
 * {@code bench --mode topology}: every record read by ingest's reader and its events fed through
 * the production detection topology in-process (TopologyTestDriver, as {@code replay} runs it),
 * one thread. The warm-up records go through the same topology unmeasured first.
 */
final class TopologyBench {

    /** Throughput and per-record latency (from reading a record to its batch detected) of the measured records. */
    record Result(
            long events,
            long nanos,
            Latencies latencies,
            Detections.Counts alerts,
            long rejected,
            InProcessDetection.ProcessingFailures failures,
            long late) {}

    private final TenancyConfig tenancy;
    private final EventDetection detection;

    TopologyBench(TenancyConfig tenancy, EventDetection detection) {
        this.tenancy = tenancy;
        this.detection = detection;
    }

    Result run(TrafficFile traffic, Detections detections, ProgressLine progress) {
        InputReader reader = new InputReader();
        SourceBinding binding = SourceBinding.fixed(ClusterModel.CLUSTER);
        Latencies latencies = new Latencies();
        long[] rejected = new long[1];
        long[] events = new long[1];
        DetectionCounts counts = new DetectionCounts();
        try (InProcessDetection topology = InProcessDetection.start(tenancy, detection, counts)) {
            ReadSink sink = new ReadSink() {
                @Override
                public void event(NormalizedEvent e) {
                    events[0]++;
                    topology.submit(e).forEach(detections::alert);
                }

                @Override
                public void skipped(Reason reason, String detail) {}

                @Override
                public void rejected(Reason reason, String detail, byte[] original) {
                    rejected[0]++;
                }
            };
            for (int i = 0; i < traffic.firstMeasured(); i++) {
                reader.read(traffic.read(i), 0, traffic.length(i), binding, sink);
            }
            // the warm-up's last batch, so that its alerts are not counted as the measured ones'
            topology.drain().forEach(detections::alert);
            events[0] = 0;
            Detections.Counts alertsBefore = detections.counts();
            long lateBefore = counts.late();
            long start = System.nanoTime();
            // A record is detected when the batch holding its events has gone through the topology.
            long[] waiting = new long[traffic.records() - traffic.firstMeasured()];
            int waitingCount = 0;
            for (int i = traffic.firstMeasured(); i < traffic.records(); i++) {
                waiting[waitingCount++] = System.nanoTime();
                reader.read(traffic.read(i), 0, traffic.length(i), binding, sink);
                if (topology.gathered() == 0) {
                    waitingCount = detected(latencies, waiting, waitingCount);
                }
                progress.update(events[0], detections.total() - alertsBefore.total(), i - traffic.firstMeasured() + 1);
            }
            topology.drain().forEach(detections::alert);
            detected(latencies, waiting, waitingCount);
            long nanos = System.nanoTime() - start;
            progress.finish();
            return new Result(
                    traffic.events(traffic.firstMeasured(), traffic.records()),
                    nanos,
                    latencies,
                    detections.counts().since(alertsBefore),
                    rejected[0],
                    topology.failures(),
                    counts.late() - lateBefore);
        }
    }

    private static int detected(Latencies latencies, long[] waiting, int count) {
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            latencies.add(now - waiting[i]);
        }
        return 0;
    }
}
