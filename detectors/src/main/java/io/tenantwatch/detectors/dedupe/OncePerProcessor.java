package io.tenantwatch.detectors.dedupe;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.EventDetection;
import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets an alert of a "once per period" detector through only if its fingerprint has not alerted
 * within that period of event time ({@code break-glass-admin}: once per actor per hour). Records
 * arrive keyed and partitioned by fingerprint, so one store sees every repeat. Entries older than
 * the longest period are purged on stream time, so the store holds one entry per live finding.
 */
public final class OncePerProcessor implements FixedKeyProcessor<String, Alert, Alert> {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final String storeName;
    private final EventDetection detection;
    private final Duration retention;
    private final DetectionListener listener;
    private KeyValueStore<String, Long> lastAlerted;
    private FixedKeyProcessorContext<String, Alert> context;

    /** @param retention how long a fingerprint is remembered: at least the longest period */
    public OncePerProcessor(
            String storeName, EventDetection detection, Duration retention, DetectionListener listener) {
        this.storeName = storeName;
        this.detection = detection;
        this.retention = retention;
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
        this.context = context;
        this.lastAlerted = context.getStateStore(storeName);
        context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(FixedKeyRecord<String, Alert> record) {
        Alert alert = record.value();
        Duration period = alert == null ? null : detection.oncePer(alert.detector());
        if (period == null) {
            context.forward(record);
            return;
        }
        long now = record.timestamp();
        Long last = lastAlerted.get(alert.fingerprint());
        if (last != null && now >= last && now - last < period.toMillis()) {
            listener.repeatSuppressed(alert.detector());
            return;
        }
        lastAlerted.put(alert.fingerprint(), now);
        context.forward(record);
    }

    private void purge(long streamTime) {
        long cutoff = streamTime - retention.toMillis();
        try (KeyValueIterator<String, Long> all = lastAlerted.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < cutoff) {
                    lastAlerted.delete(entry.key);
                }
            }
        }
    }
}
