package io.tenantwatch.app.replay;

import io.tenantwatch.app.ProgressLine;
import io.tenantwatch.app.ProgressOption;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.ingest.IngestCounters;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.replay.FileSource;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.TenancyRecord;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One replay: inputs read in the order given with ingest's readers, every event bound to one
 * cluster, fed on event time through the production topology in-process; alerts handed out as
 * they are raised. Used by {@code replay}.
 */
public final class ReplaySession {

    private final TenancyConfig tenancy;
    private final EventDetection detection;
    private final SourceBinding binding;
    private Map<String, ? extends TenancyRecord> clusterTenancy = Map.of();
    private ProgressOption progressOption;
    private PrintWriter progressTo;

    public ReplaySession(TenancyConfig tenancy, EventDetection detection, String cluster) {
        this.tenancy = tenancy;
        this.detection = detection;
        this.binding = SourceBinding.fixed(cluster);
    }

    /** Tenancy read from the cluster ({@code --kubeconfig}), by {@code tw.tenancy} key; it comes before the file. */
    public ReplaySession withClusterTenancy(Map<String, ? extends TenancyRecord> records) {
        this.clusterTenancy = records;
        return this;
    }

    /** Shows a progress line on {@code err} as {@code option} says (only when stderr is a terminal, by default). */
    public ReplaySession withProgress(ProgressOption option, PrintWriter err) {
        this.progressOption = option;
        this.progressTo = err;
        return this;
    }

    /**
     * Replays the inputs; {@code alerts} sees every alert in order.
     *
     * @throws InputFailure when an input cannot be opened or read (the run stops there)
     */
    public ReplaySummary run(List<ReplayInput> inputs, Consumer<Alert> alerts) {
        DetectionCounts counts = new DetectionCounts();
        ProgressLine progress = progressOption == null
                ? ProgressLine.SILENT
                : progressOption.line(progressTo, "replay", totalSize(inputs));
        long[] events = new long[1];
        long[] raised = new long[1];
        AtomicLong bytesRead = new AtomicLong();
        try (InProcessDetection topology = InProcessDetection.start(tenancy, clusterTenancy, this.detection, counts)) {
            IngestCounters counters = new IngestCounters(new ReadSink() {
                @Override
                public void event(NormalizedEvent e) {
                    List<Alert> found = topology.submit(e);
                    found.forEach(alerts);
                    raised[0] += found.size();
                    progress.update(++events[0], raised[0], bytesRead.get());
                }

                @Override
                public void skipped(Reason reason, String detail) {}

                @Override
                public void rejected(Reason reason, String detail, byte[] original) {}
            });
            // The inputs are read and parsed on a thread of their own while this one detects.
            ReadAhead.run(sink -> readAll(inputs, sink, bytesRead), counters);
            // windows still open at the end of the input close here, as they would once stream time moved on
            topology.flush().forEach(alerts);
            progress.finish();
            return new ReplaySummary(
                    counters.snapshot(),
                    counts.duplicates(),
                    counts.alertsByDetector(),
                    counts.examinedByDetector(),
                    counts.exceptionsByDetector(),
                    topology.failures());
        }
    }

    /** Reads every input in turn into {@code sink}, counting the bytes read for the progress line. */
    private void readAll(List<ReplayInput> inputs, ReadSink sink, AtomicLong bytesRead) {
        FileSource files = new FileSource(new InputReader());
        for (ReplayInput input : inputs) {
            try (CountingInputStream in = new CountingInputStream(input.open(), bytesRead)) {
                files.read(in, binding, sink);
            } catch (IOException | UncheckedIOException e) {
                throw new InputFailure(input.name(), e);
            }
        }
    }

    /** The inputs' size in bytes, or -1 when one cannot be known (standard input). */
    private static long totalSize(List<ReplayInput> inputs) {
        long total = 0;
        for (ReplayInput input : inputs) {
            long size = input.size();
            if (size < 0) {
                return -1;
            }
            total += size;
        }
        return total;
    }

    /** Adds the bytes read through it to a total the detecting thread reads for the progress line. */
    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count.addAndGet(skipped);
            return skipped;
        }
    }

    /** An input that could not be read; the message names it. */
    public static final class InputFailure extends RuntimeException {
        public InputFailure(String input, Exception cause) {
            super(
                    input + ": "
                            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                    cause);
        }
    }
}
