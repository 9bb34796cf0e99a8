package io.tenantwatch.detectors.stateful;

import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link WorkloadContainerAdded}'s memory, per (cluster, namespace, resource, workload): the images
 * its pod template had at its last write. A write whose images keep all of those and add some
 * raises (when {@link WorkloadContainerAdded#raises} says its writer counts); every write replaces
 * the entry, a delete removes it. The store is written only when the images change or the entry is
 * older than {@link #REFRESH}, so a controller re-applying the same spec costs a read, not a
 * changelog write; entries not written for the retention period are deleted on stream time.
 */
final class WorkloadImagesTracker implements Processor<String, Observation, String, Alert> {

    static final Duration REFRESH = Duration.ofDays(1);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final String storeName;
    private final long retentionMs;
    private final CurrentDetectors current;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, WorkloadImages> workloads;

    WorkloadImagesTracker(String storeName, Duration retention, CurrentDetectors current) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.current = current;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.workloads = context.getStateStore(storeName);
        context.schedule(PURGE_EVERY, PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation observation = record.value();
        if (observation == null || record.key() == null) {
            return;
        }
        long time = record.timestamp();
        WorkloadImages before = workloads.get(record.key());
        if (before != null && time < before.lastWritten()) {
            return; // a later write of the workload is already known: this one says nothing about now
        }
        if ("delete".equals(observation.verb())) {
            if (before != null) {
                workloads.delete(record.key());
            }
            return;
        }
        WorkloadImages after = new WorkloadImages(time, observation.images());
        if (before != null && before.lastWritten() + retentionMs > time) {
            WorkloadContainerAdded detector =
                    current.get(WorkloadContainerAdded.SPEC.id(), WorkloadContainerAdded.class);
            List<String> added = WorkloadContainerAdded.added(before.images(), after.images());
            if (!added.isEmpty() && detector.raises(observation)) {
                Alert alert = detector.alert(observation, before, added);
                context.forward(new Record<>(alert.fingerprint(), alert, time));
            }
        }
        if (before == null
                || !before.images().equals(after.images())
                || time - before.lastWritten() >= REFRESH.toMillis()) {
            workloads.put(record.key(), after);
        }
    }

    private void purge(long streamTime) {
        long cutoff = streamTime - retentionMs;
        StoreSweep.deleteWhere(workloads, (key, images) -> images.lastWritten() < cutoff);
    }
}
