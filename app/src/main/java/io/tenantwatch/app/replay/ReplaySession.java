package io.tenantwatch.app.replay;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
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

    /**
     * Replays the inputs; {@code alerts} sees every alert in order.
     *
     * @throws InputFailure when an input cannot be opened or read (the run stops there)
     */
    public ReplaySummary run(List<ReplayInput> inputs, Consumer<Alert> alerts) {
        DetectionCounts counts = new DetectionCounts();
        try (InProcessDetection topology = InProcessDetection.start(tenancy, clusterTenancy, this.detection, counts)) {
            IngestCounters counters = new IngestCounters(new ReadSink() {
                @Override
                public void event(NormalizedEvent e) {
                    topology.submit(e).forEach(alerts);
                }

                @Override
                public void skipped(Reason reason, String detail) {}

                @Override
                public void rejected(Reason reason, String detail, byte[] original) {}
            });
            FileSource files = new FileSource(new InputReader());
            for (ReplayInput input : inputs) {
                try (InputStream in = input.open()) {
                    files.read(in, binding, counters);
                } catch (IOException | UncheckedIOException e) {
                    throw new InputFailure(input.name(), e);
                }
            }
            // windows still open at the end of the input close here, as they would once stream time moved on
            topology.flush().forEach(alerts);
            return new ReplaySummary(
                    counters.snapshot(),
                    counts.duplicates(),
                    counts.alertsByDetector(),
                    counts.examinedByDetector(),
                    counts.exceptionsByDetector());
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
