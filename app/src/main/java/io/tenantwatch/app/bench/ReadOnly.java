package io.tenantwatch.app.bench;

import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;

/**
 * The edge alone: ingest's reader turning every record into normalized events (parse, normalize,
 * redact, facts), one thread, the events dropped. Replay and the service's ingest pay this before
 * any detection, so it is the most that one thread of {@code replay} can reach, and what is left
 * between it and the mode's own figure is detection's share.
 */
final class ReadOnly {

    private final InputReader reader = new InputReader();
    private final SourceBinding binding = SourceBinding.fixed(ClusterModel.CLUSTER);
    private final Counter counter = new Counter();

    /** Reads records [from, to) and returns the nanoseconds it took. */
    long run(TrafficFile traffic, int from, int to) {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            reader.read(traffic.read(i), 0, traffic.length(i), binding, counter);
        }
        return System.nanoTime() - start;
    }

    /** Events read so far; keeps the JIT from proving the reading useless. */
    long events() {
        return counter.events;
    }

    private static final class Counter implements ReadSink {
        private long events;

        @Override
        public void event(NormalizedEvent e) {
            events++;
        }

        @Override
        public void skipped(Reason reason, String detail) {}

        @Override
        public void rejected(Reason reason, String detail, byte[] original) {}
    }
}
