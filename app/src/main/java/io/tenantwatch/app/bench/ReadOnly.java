package io.tenantwatch.app.bench;

import io.tenantwatch.app.bench.traffic.ClusterModel;
import io.tenantwatch.ingest.IngestCounters;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.SourceBinding;

/**
 * The edge alone: ingest's reader turning every record into normalized events (parse, normalize,
 * redact, facts), one thread, the events only counted. Replay and the service's ingest pay this
 * before any detection, so it is the most that one thread of {@code replay} can reach, and what is
 * left between it and the mode's own figure is detection's share.
 */
final class ReadOnly {

    private final InputReader reader = new InputReader();
    private final SourceBinding binding = SourceBinding.fixed(ClusterModel.CLUSTER);
    private final IngestCounters counted = new IngestCounters();

    /** Reads records [from, to) and returns the nanoseconds it took. */
    long run(TrafficFile traffic, int from, int to) {
        long start = System.nanoTime();
        traffic.readInto(reader, binding, from, to, counted);
        return System.nanoTime() - start;
    }
}
