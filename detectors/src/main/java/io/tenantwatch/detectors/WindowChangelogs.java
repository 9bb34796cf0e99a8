package io.tenantwatch.detectors;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The changelog topics of the window stores (dedupe, group F's windows, sequences and join) stamp
 * their records with the broker's append time.
 *
 * <p>Why: Kafka Streams writes a changelog record with the timestamp of the record being processed,
 * which here is the event time of the audit event, and creates a window store's changelog with
 * {@code cleanup.policy=compact,delete} and {@code retention.ms} = the store's retention plus one
 * day. The broker deletes by the records' timestamps against its own clock, so the changelog of
 * any event older than a day on arrival (a backlog after an outage, Event Hubs catching up, a
 * replayed capture) is deleted by the next retention check (5 minutes, 30 s after a broker start)
 * while the local store still holds it. Nothing shows until a task moves: its new owner restores
 * from the changelog and forgets what the old owner had seen, so the dedupe store lets a re-sent
 * event through again (a duplicate alert under exactly-once) and a window loses its counts. With
 * {@code LogAppendTime} the changelog keeps each record for the retention of the store after it
 * was written, whatever its event time. Restoring a window store reads the window's time from the
 * record's key, never from its timestamp, so nothing else changes.
 */
public final class WindowChangelogs {

    /** Topic configs of every window store's changelog. */
    public static final Map<String, String> CONFIG = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private WindowChangelogs() {}

    /**
     * {@link Stores#windowStoreBuilder} with {@link #CONFIG} on its changelog when {@code stores} are
     * persistent (in memory there is no changelog).
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> builder(
            DetectionTopology.StateStores stores,
            WindowBytesStoreSupplier supplier,
            Serde<K> keySerde,
            Serde<V> valueSerde) {
        return stores.changelogged(Stores.windowStoreBuilder(supplier, keySerde, valueSerde), CONFIG);
    }
}
