package io.tenantwatch.detectors.stateful;

import java.time.Duration;

/**
 * {@link FirstSeenAccess}'s memory: per (cluster, actor, tenant) the event time of the last
 * access, and when this partition's learning period began. An access alerts when its pair has
 * no access in the retention period and the learning period is over. Entries not refreshed within
 * the retention period are deleted on stream time, so the store holds the pairs active in the last
 * retention period and no more; it is changelogged, so a restart neither forgets nor re-learns.
 */
final class FirstSeenTracker extends KeyedMemory<Long> {

    /** The key under which the learning period's start is kept; no (cluster, actor, tenant) key starts with NUL. */
    static final String LEARNING_SINCE = "\u0000learning-since";

    FirstSeenTracker(String storeName, Duration retention, CurrentDetectors current) {
        super(storeName, retention, current);
    }

    @Override
    void observe(String key, Observation observation, long time) {
        Long since = store.get(LEARNING_SINCE);
        if (since == null || time < since) {
            since = time;
            store.put(LEARNING_SINCE, since);
        }
        String pair = key + Observations.SEPARATOR + observation.tenant();
        Long previous = store.get(pair);
        if (previous != null && previous >= time) {
            return; // a later access of the pair is already known: this one is not the first
        }
        store.put(pair, time);
        boolean first = previous == null || time - previous >= retentionMs;
        FirstSeenAccess detector = current.get(FirstSeenAccess.SPEC.id(), FirstSeenAccess.class);
        if (first && time >= since + detector.learningPeriod().toMillis()) {
            raise(detector.alert(observation, previous), time);
        }
    }

    @Override
    boolean expired(String key, Long value, long cutoff) {
        return value < cutoff && !LEARNING_SINCE.equals(key);
    }
}
