package io.tenantwatch.app.bench;

import io.tenantwatch.app.ProgressLine;
import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.app.replay.DetectionCounts;
import io.tenantwatch.app.replay.InProcessDetection;
import io.tenantwatch.app.replay.ReadAhead;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.TenancyConfig;

/**
 * {@code bench --mode topology}: every record read by ingest's reader and its events fed through
 * the production detection topology in-process (TopologyTestDriver), as {@code replay} runs it:
 * reading on a thread of its own, detection on the caller's. The warm-up records go through the
 * same topology unmeasured first.
 */
final class TopologyBench {

    /** Throughput and per-event latency (from its reading to its batch detected) of the measured records. */
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
        int first = traffic.firstMeasured();
        int records = traffic.records();
        try (InProcessDetection topology = InProcessDetection.start(tenancy, detection, counts)) {
            // As replay runs: ingest's reader on a thread of its own (ReadAhead), detection on this one.
            ReadAhead.run(s -> traffic.readInto(reader, binding, 0, first, s), new Detecting(topology, detections) {
                @Override
                void counted() {}
            });
            // the warm-up's last batch, so that its alerts are not counted as the measured ones'
            topology.drain().forEach(detections::alert);
            Detections.Counts alertsBefore = detections.counts();
            long lateBefore = counts.late();
            long measuredEvents = traffic.events(first, records);
            // An event is detected when the batch holding it has gone through both stages.
            long[] readAt = new long[(int) measuredEvents];
            int[] read = new int[1];
            int[] detected = new int[1];
            long detectedBefore = topology.detectedEvents();
            long start = System.nanoTime();
            ReadAhead.run(
                    s -> traffic.readInto(reader, binding, first, records, s),
                    new Detecting(topology, detections) {
                        @Override
                        void counted() {
                            events[0]++;
                            detected[0] = detected(
                                    latencies, readAt, detected[0], topology.detectedEvents() - detectedBefore);
                            progress.update(
                                    events[0],
                                    detections.total() - alertsBefore.total(),
                                    events[0] * (records - first) / Math.max(1, measuredEvents));
                        }

                        @Override
                        public void rejected(Reason reason, String detail, byte[] original) {
                            rejected[0]++;
                        }
                    },
                    at -> readAt[read[0]++] = at);
            topology.drain().forEach(detections::alert);
            detected(latencies, readAt, detected[0], read[0]);
            long nanos = System.nanoTime() - start;
            progress.finish();
            return new Result(
                    measuredEvents,
                    nanos,
                    latencies,
                    detections.counts().since(alertsBefore),
                    rejected[0],
                    topology.failures(),
                    counts.late() - lateBefore);
        }
    }

    /** Hands each event read to the topology and its alerts to {@code detections}. */
    private abstract static class Detecting implements ReadSink {
        private final InProcessDetection topology;
        private final Detections detections;

        Detecting(InProcessDetection topology, Detections detections) {
            this.topology = topology;
            this.detections = detections;
        }

        /** After each event went to the topology. */
        abstract void counted();

        @Override
        public void event(NormalizedEvent e) {
            topology.submit(e).forEach(detections::alert);
            counted();
        }

        @Override
        public void skipped(Reason reason, String detail) {}

        @Override
        public void rejected(Reason reason, String detail, byte[] original) {}
    }

    /** Adds the latencies of the events from {@code from} up to {@code upTo} (exclusive); returns the new mark. */
    private static int detected(Latencies latencies, long[] readAt, int from, long upTo) {
        if (upTo <= from) {
            return from;
        }
        long now = System.nanoTime();
        int to = (int) Math.min(upTo, readAt.length);
        for (int i = from; i < to; i++) {
            latencies.add(now - readAt[i]);
        }
        return to;
    }
}
