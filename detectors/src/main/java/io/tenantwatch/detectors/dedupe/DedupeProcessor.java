package io.tenantwatch.detectors.dedupe;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose (cluster, id) was already seen within the dedup window of stream time
 * (DETECTORS.md, "Counted audit event"): AKS delivers non-read requests twice when
 * {@code kube-audit} and {@code kube-audit-admin} share a hub, and every source retries. The
 * window store's segments expire on their own, so state stays bounded by the window.
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, NormalizedEvent, NormalizedEvent> {

    private final String storeName;
    private final long windowMs;
    private final DetectionListener listener;
    private FixedKeyProcessorContext<String, NormalizedEvent> context;
    private WindowStore<String, Long> seen;

    public DedupeProcessor(String storeName, Duration window, DetectionListener listener) {
        this.storeName = storeName;
        this.windowMs = window.toMillis();
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, NormalizedEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, NormalizedEvent> record) {
        NormalizedEvent event = record.value();
        if (event == null) {
            return;
        }
        String key = dedupeKey(event);
        long ts = record.timestamp();
        // The long-based fetch: the Instant one formats a validation message on every call.
        try (WindowStoreIterator<Long> hits = seen.fetch(key, Math.max(0, ts - windowMs), ts + windowMs)) {
            if (hits.hasNext()) {
                listener.duplicate(event);
                return;
            }
        }
        seen.put(key, ts, ts);
        context.forward(record);
    }

    static String dedupeKey(NormalizedEvent event) {
        return event.cluster() + '\u001F' + event.id();
    }
}
