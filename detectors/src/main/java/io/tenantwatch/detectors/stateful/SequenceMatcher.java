package io.tenantwatch.detectors.stateful;

import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.schemas.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * {@link RbacThenWorkload}'s ordered sequence per actor, on event time: starts (other detectors'
 * alerts on RBAC writes) are kept for the window plus grace; workload writes for the grace period
 * only, in case their start arrives late (an RBAC write at cluster scope and a pod in a namespace
 * travel through different partitions before they meet here). A start completes once: its flag is
 * stored with it, changelogged like the rest, so a restart does not raise it again.
 *
 * <p>Late: a start whose window plus grace has passed in stream time, or a workload write older
 * than the grace period; both are counted and dropped.
 */
final class SequenceMatcher implements Processor<String, Observation, String, Alert> {

    private final String startsStore;
    private final String followUpsStore;
    private final long windowMs;
    private final long graceMs;
    private final CurrentDetectors current;
    private final DetectionListener listener;
    private ProcessorContext<String, Alert> context;
    private WindowStore<String, SequenceStart.AtTime> starts;
    private WindowStore<String, SequenceStart.FollowUps> followUps;

    SequenceMatcher(
            String startsStore,
            String followUpsStore,
            Duration window,
            Duration grace,
            CurrentDetectors current,
            DetectionListener listener) {
        this.startsStore = startsStore;
        this.followUpsStore = followUpsStore;
        this.windowMs = window.toMillis();
        this.graceMs = grace.toMillis();
        this.current = current;
        this.listener = listener;
    }

    /** Starts are needed until no workload write of their window can still arrive. */
    static Duration startsRetention(Duration window, Duration grace) {
        return window.plus(grace).plus(Duration.ofMinutes(1));
    }

    /** Workload writes are needed until no start before them can still arrive. */
    static Duration followUpsRetention(Duration grace) {
        return grace.plus(Duration.ofMinutes(1));
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.starts = context.getStateStore(startsStore);
        this.followUps = context.getStateStore(followUpsStore);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation observation = record.value();
        if (observation == null || record.key() == null) {
            return;
        }
        long time = record.timestamp();
        long now = context.currentStreamTimeMs();
        if (!observation.isSequenceStart()) {
            if (time + graceMs < now) {
                listener.late(RbacThenWorkload.SPEC.id());
                return;
            }
            workload(record.key(), observation, time);
        } else {
            if (time + windowMs + graceMs < now) {
                listener.late(RbacThenWorkload.SPEC.id());
                return;
            }
            start(record.key(), observation, time);
        }
    }

    private void start(String actor, Observation raised, long time) {
        SequenceStart.AtTime kept = starts.fetch(actor, time);
        List<SequenceStart> items = new ArrayList<>(kept == null ? List.of() : kept.items());
        String auditId = raised.auditId();
        for (int i = 0; i < items.size(); i++) {
            if (java.util.Objects.equals(items.get(i).auditId(), auditId)) {
                // Another detector raised on the same write: name it too, if the sequence is still open.
                if (!items.get(i).matched()) {
                    items.set(i, items.get(i).raisedAlso(raised.detector()));
                    starts.put(actor, new SequenceStart.AtTime(items), time);
                }
                return;
            }
        }
        SequenceStart start = SequenceStart.of(raised, time);
        Observation followUp = firstFollowUp(actor, time);
        if (followUp != null) {
            emit(start, followUp);
            start = start.completed();
        }
        items.add(start);
        starts.put(actor, new SequenceStart.AtTime(items), time);
    }

    /** The earliest workload write kept for the actor at or after {@code time} and within the window. */
    private Observation firstFollowUp(String actor, long time) {
        try (WindowStoreIterator<SequenceStart.FollowUps> it = followUps.fetch(actor, time, time + windowMs)) {
            while (it.hasNext()) {
                for (Observation followUp : it.next().value.items()) {
                    return followUp;
                }
            }
        }
        return null;
    }

    private void workload(String actor, Observation workload, long time) {
        List<KeyValue<Long, SequenceStart.AtTime>> open = new ArrayList<>();
        try (WindowStoreIterator<SequenceStart.AtTime> it = starts.fetch(actor, Math.max(0, time - windowMs), time)) {
            while (it.hasNext()) {
                open.add(it.next());
            }
        }
        for (KeyValue<Long, SequenceStart.AtTime> kv : open) {
            List<SequenceStart> items = new ArrayList<>(kv.value.items());
            boolean changed = false;
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).matched()) {
                    emit(items.get(i), workload);
                    items.set(i, items.get(i).completed());
                    changed = true;
                }
            }
            if (changed) {
                starts.put(actor, new SequenceStart.AtTime(items), kv.key);
            }
        }
        SequenceStart.FollowUps kept = followUps.fetch(actor, time);
        List<Observation> items = new ArrayList<>(kept == null ? List.of() : kept.items());
        items.add(workload);
        followUps.put(actor, new SequenceStart.FollowUps(items), time);
    }

    private void emit(SequenceStart start, Observation workload) {
        Alert alert =
                current.get(RbacThenWorkload.SPEC.id(), RbacThenWorkload.class).alert(start, workload);
        context.forward(new Record<>(alert.fingerprint(), alert, workload.time().toEpochMilli()));
    }
}
