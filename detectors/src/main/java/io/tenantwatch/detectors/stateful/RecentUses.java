package io.tenantwatch.detectors.stateful;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keeps {@code token-reuse}'s repartition small: a pod's token is used many times a minute from
 * the same pod and address, and only a new (credential, pod, address) can change what
 * {@link TokenReuseTracker} knows. This task forwards each combination once per
 * {@link TokenReuseTracker#REFRESH} of event time (so the tracker's last-use time stays fresh) and
 * drops the repeats in between.
 *
 * <p>A cache, not state: it lives in memory, bounded to {@link #MAX_ENTRIES} most recently used
 * combinations, and starts empty after a restart, which only means a repeat is forwarded once more.
 */
final class RecentUses implements FixedKeyProcessor<String, Observation, Observation> {

    static final int MAX_ENTRIES = 10_000;

    private final long refreshMs = TokenReuseTracker.REFRESH.toMillis();
    private final Map<String, Long> forwarded = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private FixedKeyProcessorContext<String, Observation> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Observation> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Observation> record) {
        Observation observation = record.value();
        if (observation == null || record.key() == null) {
            return;
        }
        String pod = observation.actor() == null ? null : observation.actor().podName();
        String use = record.key() + Observations.SEPARATOR + pod + Observations.SEPARATOR + observation.sourceIp();
        long time = record.timestamp();
        Long last = forwarded.get(use);
        if (last != null && time >= last && time - last < refreshMs) {
            return;
        }
        forwarded.put(use, time);
        context.forward(record);
    }
}
