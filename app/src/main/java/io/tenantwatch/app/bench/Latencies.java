package io.tenantwatch.app.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, and their percentiles in milliseconds. Not thread-safe. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    void clear() {
        count = 0;
    }

    Latencies copy() {
        Latencies c = new Latencies();
        c.samples = Arrays.copyOf(samples, Math.max(1, count));
        c.count = count;
        return c;
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 to 100) in milliseconds, by the nearest-rank method; NaN without samples. */
    double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
