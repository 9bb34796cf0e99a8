package io.tenantwatch.detectors.stateful;

import java.time.Duration;
import java.util.List;

/**
 * {@link WorkloadContainerAdded}'s memory, per (cluster, namespace, resource, workload): the images
 * its pod template had at its last write. A write whose images keep all of those and add some
 * raises (when {@link WorkloadContainerAdded#raises} says its writer counts); every write replaces
 * the entry, a delete removes it. The store is written only when the images change or the entry is
 * older than {@link #REFRESH}, so a controller re-applying the same spec costs a read, not a
 * changelog write; entries not written for the retention period are deleted on stream time.
 */
final class WorkloadImagesTracker extends KeyedMemory<WorkloadImages> {

    static final Duration REFRESH = Duration.ofDays(1);

    WorkloadImagesTracker(String storeName, Duration retention, CurrentDetectors current) {
        super(storeName, retention, current);
    }

    @Override
    void observe(String key, Observation observation, long time) {
        WorkloadImages before = store.get(key);
        if (before != null && time < before.lastWritten()) {
            return; // a later write of the workload is already known: this one says nothing about now
        }
        if ("delete".equals(observation.verb())) {
            if (before != null) {
                store.delete(key);
            }
            return;
        }
        WorkloadImages after = new WorkloadImages(time, observation.images());
        if (before != null && before.lastWritten() + retentionMs > time) {
            WorkloadContainerAdded detector =
                    current.get(WorkloadContainerAdded.SPEC.id(), WorkloadContainerAdded.class);
            List<String> added = WorkloadContainerAdded.added(before.images(), after.images());
            if (!added.isEmpty() && detector.raises(observation)) {
                raise(detector.alert(observation, before, added), time);
            }
        }
        if (before == null
                || !before.images().equals(after.images())
                || time - before.lastWritten() >= REFRESH.toMillis()) {
            store.put(key, after);
        }
    }

    @Override
    boolean expired(String key, WorkloadImages value, long cutoff) {
        return value.lastWritten() < cutoff;
    }
}
