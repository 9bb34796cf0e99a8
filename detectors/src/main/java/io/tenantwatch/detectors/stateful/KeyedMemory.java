package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the group F detectors that remember something per key share (first-seen-access,
 * token-reuse, workload-container-added): a key-value store of what each key last did, whose
 * entries older than the retention period in stream time are swept out every hour, and alerts
 * forwarded under their fingerprint at the time of the observation that raised them.
 */
abstract class KeyedMemory<V> implements Processor<String, Observation, String, Alert> {

    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final String storeName;
    final long retentionMs;
    final CurrentDetectors current;
    private ProcessorContext<String, Alert> context;
    KeyValueStore<String, V> store;

    KeyedMemory(String storeName, Duration retention, CurrentDetectors current) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.current = current;
    }

    @Override
    public final void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, streamTime -> {
            long cutoff = streamTime - retentionMs;
            StoreSweep.deleteWhere(store, (key, value) -> expired(key, value, cutoff));
        });
    }

    @Override
    public final void process(Record<String, Observation> record) {
        if (record.value() != null && record.key() != null) {
            observe(record.key(), record.value(), record.timestamp());
        }
    }

    /** One observation of {@code key} at event time {@code time}. */
    abstract void observe(String key, Observation observation, long time);

    /** Whether the entry was last refreshed before {@code cutoff} and may go. */
    abstract boolean expired(String key, V value, long cutoff);

    final void raise(Alert alert, long time) {
        context.forward(new Record<>(alert.fingerprint(), alert, time));
    }
}
