package io.tenantwatch.ingest;

import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a {@link ReadSink} receives, and passes it on: records read (every item ends in
 * exactly one call, so records = events + skips + rejections), events accepted, and skips and
 * rejections by reason. For replay's summary and, later, the ingest metrics. Thread-safe and cheap
 * (one LongAdder per outcome, created up front, no locks).
 */
public final class IngestCounters implements ReadSink {

    /** The counts at one moment; reasons with a zero count are left out. */
    public record Snapshot(long records, long events, Map<Reason, Long> skipped, Map<Reason, Long> rejected) {
        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final ReadSink DISCARD = new ReadSink() {
        @Override
        public void event(NormalizedEvent e) {}

        @Override
        public void skipped(Reason reason, String detail) {}

        @Override
        public void rejected(Reason reason, String detail, byte[] original) {}
    };

    private final ReadSink delegate;
    private final LongAdder events = new LongAdder();
    private final Map<Reason, LongAdder> byReason;

    public IngestCounters(ReadSink delegate) {
        this.delegate = delegate == null ? DISCARD : delegate;
        EnumMap<Reason, LongAdder> counters = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
            counters.put(r, new LongAdder());
        }
        // Filled once and never changed, so concurrent readers need no lock.
        this.byReason = Collections.unmodifiableMap(counters);
    }

    /** Counting only. */
    public IngestCounters() {
        this(null);
    }

    @Override
    public void event(NormalizedEvent e) {
        events.increment();
        delegate.event(e);
    }

    @Override
    public void skipped(Reason reason, String detail) {
        byReason.get(reason).increment();
        delegate.skipped(reason, detail);
    }

    @Override
    public void rejected(Reason reason, String detail, byte[] original) {
        byReason.get(reason).increment();
        delegate.rejected(reason, detail, original);
    }

    public long events() {
        return events.sum();
    }

    public long count(Reason reason) {
        return byReason.get(reason).sum();
    }

    public long records() {
        long total = events.sum();
        for (LongAdder a : byReason.values()) {
            total += a.sum();
        }
        return total;
    }

    public Snapshot snapshot() {
        Map<Reason, Long> skipped = new EnumMap<>(Reason.class);
        Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
        long eventCount = events.sum();
        long total = eventCount;
        for (Map.Entry<Reason, LongAdder> e : byReason.entrySet()) {
            long n = e.getValue().sum();
            total += n;
            if (n > 0) {
                (e.getKey().rejected() ? rejected : skipped).put(e.getKey(), n);
            }
        }
        return new Snapshot(
                total, eventCount, Collections.unmodifiableMap(skipped), Collections.unmodifiableMap(rejected));
    }
}
