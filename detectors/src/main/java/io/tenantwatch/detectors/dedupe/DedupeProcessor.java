package io.tenantwatch.detectors.dedupe;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops an event whose (cluster, id) was already seen within the dedup window of stream time
 * (docs/detectors.md, "Counted audit event"): AKS delivers non-read requests twice when
 * {@code kube-audit} and {@code kube-audit-admin} share a hub, and every source retries. The
 * window store's segments expire on their own, so state stays bounded by the window.
 *
 * <p>Entries are stored under their event time rounded down to a bucket of half the window, with
 * the exact time as the value, and looked up bucket by bucket: at most five point lookups per
 * event, each a map lookup in memory (replay, demo) or a get in RocksDB. Exact timestamps made the
 * in-memory store walk every event in the window; range fetches over buckets still built an
 * iterator per segment per event. Comparing the stored time keeps the window exact, and an entry
 * stays visible for at least one and a half windows of stream time after its event (the store
 * keeps two windows from its bucket's start).
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, NormalizedEvent, NormalizedEvent> {

    private final String storeName;
    private final long windowMs;
    private final DetectionListener listener;
    private final long bucketMs;
    private FixedKeyProcessorContext<String, NormalizedEvent> context;
    private SeenEvents seen;

    private DedupeProcessor(String storeName, Duration window, DetectionListener listener) {
        this.storeName = storeName;
        this.windowMs = window.toMillis();
        this.bucketMs = Math.max(1, windowMs / 2);
        this.listener = listener;
    }

    /** Remembers in the window store {@code storeName}, which must keep {@link #retention} of {@code window}. */
    public static DedupeProcessor inStore(String storeName, Duration window, DetectionListener listener) {
        return new DedupeProcessor(storeName, window, listener);
    }

    /** Remembers in this processor's own memory, for a run whose state ends with it (replay). */
    public static DedupeProcessor inMemory(Duration window, DetectionListener listener) {
        return new DedupeProcessor(null, window, listener);
    }

    /** How long the store keeps an entry from its bucket's start: one and a half windows stay visible. */
    public static Duration retention(Duration window) {
        return window.multipliedBy(2);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, NormalizedEvent> context) {
        this.context = context;
        this.seen = storeName == null
                ? SeenEvents.inMemory(retention(Duration.ofMillis(windowMs)).toMillis())
                : SeenEvents.in(context.getStateStore(storeName));
    }

    @Override
    public void process(FixedKeyRecord<String, NormalizedEvent> record) {
        NormalizedEvent event = record.value();
        if (event == null) {
            return;
        }
        String key = dedupeKey(event);
        long ts = record.timestamp();
        // One point lookup per bucket the window can reach (at most five): a range fetch built an
        // iterator over the store's segments for every event, a tenth of replay's time.
        for (long bucket = bucket(Math.max(0, ts - windowMs)); bucket <= ts + windowMs; bucket += bucketMs) {
            Long seenAt = seen.seenAt(key, bucket);
            if (seenAt != null && Math.abs(seenAt - ts) <= windowMs) {
                listener.duplicate(event);
                return;
            }
        }
        seen.remember(key, ts, bucket(ts));
        context.forward(record);
    }

    private long bucket(long timestamp) {
        return timestamp - Math.floorMod(timestamp, bucketMs);
    }

    static String dedupeKey(NormalizedEvent event) {
        return event.cluster() + '\u001F' + event.id();
    }
}
