package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectionListener;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Lets through only records that can still be joined: one older than {@code lateAfter} in stream
 * time (the join window plus its grace) is counted as late for the detector and dropped here, so
 * that the join never sees it (its store would refuse it silently).
 */
final class OnTime<V> implements FixedKeyProcessor<String, V, V> {

    private final String detectorId;
    private final long lateAfterMs;
    private final DetectionListener listener;
    private FixedKeyProcessorContext<String, V> context;

    OnTime(String detectorId, Duration lateAfter, DetectionListener listener) {
        this.detectorId = detectorId;
        this.lateAfterMs = lateAfter.toMillis();
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        if (record.timestamp() + lateAfterMs < context.currentStreamTimeMs()) {
            listener.late(detectorId);
            return;
        }
        context.forward(record);
    }
}
