package io.tenantwatch.detectors.dedupe;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Where deduplication remembers the events it let through: each under its dedupe key and a time
 * bucket, with its exact event time. {@link DedupeProcessor} decides what counts as a copy; this
 * only stores and finds.
 */
interface SeenEvents {

    /** The event time remembered for {@code key} in {@code bucket}, or null. */
    Long seenAt(String key, long bucket);

    void remember(String key, long timestamp, long bucket);

    /** The service's: a window store (RocksDB, changelogged), one window per bucket. */
    static SeenEvents in(WindowStore<String, Long> store) {
        return new SeenEvents() {
            @Override
            public Long seenAt(String key, long bucket) {
                return store.fetch(key, bucket);
            }

            @Override
            public void remember(String key, long timestamp, long bucket) {
                store.put(key, timestamp, bucket);
            }
        };
    }

    /**
     * Replay's: a hash map per bucket, for a run whose state lives only as long as the run. It keeps
     * and forgets exactly like Kafka Streams' in-memory window store (a bucket more than
     * {@code retentionMs} behind the newest one is gone), but finds a key by its hash: the window
     * store keeps every bucket's keys sorted, and its lookups, five per event over hundreds of
     * thousands of keys, were a quarter of replay's time.
     */
    static SeenEvents inMemory(long retentionMs) {
        return new SeenEvents() {
            private final TreeMap<Long, Map<String, Long>> buckets = new TreeMap<>();
            private long newestBucket = Long.MIN_VALUE;
            /** The newest bucket's map, where nearly every event is remembered. */
            private Map<String, Long> newest;

            @Override
            public Long seenAt(String key, long bucket) {
                if (expired(bucket)) {
                    return null;
                }
                Map<String, Long> seen = buckets.get(bucket);
                return seen == null ? null : seen.get(key);
            }

            @Override
            public void remember(String key, long timestamp, long bucket) {
                if (bucket > newestBucket) {
                    newestBucket = bucket;
                    buckets.headMap(newestBucket - retentionMs, true).clear();
                    newest = new HashMap<>();
                    buckets.put(bucket, newest);
                }
                if (bucket == newestBucket) {
                    newest.put(key, timestamp);
                } else if (!expired(bucket)) {
                    buckets.computeIfAbsent(bucket, b -> new HashMap<>()).put(key, timestamp);
                }
            }

            private boolean expired(long bucket) {
                return newestBucket != Long.MIN_VALUE && bucket <= newestBucket - retentionMs;
            }
        };
    }
}
