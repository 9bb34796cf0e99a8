package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link FirstSeenAccess}'s memory: per (cluster, actor, tenant) the event time of the last
 * access, and when this partition's learning period began. An access alerts when its pair has
 * no access in the retention period and the learning period is over. Entries not refreshed within
 * the retention period are deleted on stream time, so the store holds the pairs active in the last
 * retention period and no more; it is changelogged, so a restart neither forgets nor re-learns.
 */
final class FirstSeenTracker implements Processor<String, Observation, String, Alert> {

    /** The key under which the learning period's start is kept; no (cluster, actor, tenant) key starts with NUL. */
    static final String LEARNING_SINCE = "\u0000learning-since";

    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final String storeName;
    private final CurrentDetectors current;
    private final long retentionMs;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> lastAccess;

    FirstSeenTracker(String storeName, Duration retention, CurrentDetectors current) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.current = current;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.lastAccess = context.getStateStore(storeName);
        context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation observation = record.value();
        if (observation == null || record.key() == null) {
            return;
        }
        long time = record.timestamp();
        Long since = lastAccess.get(LEARNING_SINCE);
        if (since == null || time < since) {
            since = time;
            lastAccess.put(LEARNING_SINCE, since);
        }
        String pair = record.key() + Observations.SEPARATOR + observation.tenant();
        Long previous = lastAccess.get(pair);
        if (previous != null && previous >= time) {
            return; // a later access of the pair is already known: this one is not the first
        }
        lastAccess.put(pair, time);
        boolean first = previous == null || time - previous >= retentionMs;
        FirstSeenAccess detector = current.get(FirstSeenAccess.SPEC.id(), FirstSeenAccess.class);
        if (first && time >= since + detector.learningPeriod().toMillis()) {
            Alert alert = detector.alert(observation, previous);
            context.forward(new Record<>(alert.fingerprint(), alert, time));
        }
    }

    private void purge(long streamTime) {
        long cutoff = streamTime - retentionMs;
        StoreSweep.deleteWhere(lastAccess, (key, last) -> last < cutoff && !LEARNING_SINCE.equals(key));
    }
}
