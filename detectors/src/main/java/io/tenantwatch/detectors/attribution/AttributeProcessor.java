package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.TenancyRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Attributes each event to tenants. With a cluster directory, an event for a namespace that
 * nobody knows yet (the directory has not published it, no create event named it, the file does
 * not map it) waits up to a grace period of event time for tenancy to catch up, instead of being
 * judged unmapped at once (docs/tenancy.md): a namespace created a moment ago is the common case, not a
 * blind spot. Waiting events are kept in a changelogged store, so a restart loses none; they are
 * released as soon as the directory knows their namespace, or when stream time passes their grace.
 * Tenancy learned from namespace events needs no waiting of its own: a namespace's create reaches
 * this task before any request inside it ({@link LearnedTenancyTopology}).
 */
public final class AttributeProcessor implements Processor<String, NormalizedEvent, String, NormalizedEvent> {

    private static final Duration RELEASE_CHECK = Duration.ofSeconds(1);

    private final UnaryOperator<NormalizedEvent> attribute;
    private final Attributor attributor;
    private final DirectoryTenancy directory;
    private final String tenancyStore;
    private final String pendingStore;
    private final Duration grace;
    private ProcessorContext<String, NormalizedEvent> context;
    private KeyValueStore<String, NormalizedEvent> pending;

    /**
     * @param attribute    attributes one event (and counts it)
     * @param directory    the cluster directory, or null when tenancy comes from the file alone (no waiting then)
     * @param tenancyStore the global store of {@code tw.tenancy}
     * @param pendingStore events waiting for their namespace's tenancy
     */
    public AttributeProcessor(
            UnaryOperator<NormalizedEvent> attribute,
            Attributor attributor,
            DirectoryTenancy directory,
            String tenancyStore,
            String pendingStore,
            Duration grace) {
        this.attribute = attribute;
        this.attributor = attributor;
        this.directory = directory;
        this.tenancyStore = tenancyStore;
        this.pendingStore = pendingStore;
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, NormalizedEvent> context) {
        this.context = context;
        if (directory == null) {
            return;
        }
        ReadOnlyKeyValueStore<String, TenancyRecord> tenancy = context.getStateStore(tenancyStore);
        directory.bind(tenancy);
        if (!grace.isZero()) {
            pending = context.getStateStore(pendingStore);
            context.schedule(RELEASE_CHECK, PunctuationType.STREAM_TIME, this::releaseDue);
            context.schedule(RELEASE_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> releaseKnown());
        }
    }

    @Override
    public void process(Record<String, NormalizedEvent> record) {
        NormalizedEvent event = record.value();
        if (pending != null && mustWait(event)) {
            pending.put(pendingKey(event, record.timestamp()), event);
            return;
        }
        context.forward(record.withValue(attribute.apply(event)));
    }

    private boolean mustWait(NormalizedEvent event) {
        String namespace = event.namespace();
        return namespace != null
                && !directory.knows(event.cluster(), namespace)
                && attributor.namespaceTenant(event.cluster(), namespace) == null;
    }

    /** Stream time moved on: release every event whose grace has passed, or whose namespace is known now. */
    private void releaseDue(long streamTime) {
        release(event -> event.time().toEpochMilli() + grace.toMillis() <= streamTime
                || directory.knows(event.cluster(), event.namespace()));
    }

    /** Between events, the directory may have published a namespace: release what waited for it. */
    private void releaseKnown() {
        release(event -> directory.knows(event.cluster(), event.namespace())
                || attributor.namespaceTenant(event.cluster(), event.namespace()) != null);
    }

    private void release(java.util.function.Predicate<NormalizedEvent> due) {
        List<KeyValue<String, NormalizedEvent>> released = new ArrayList<>();
        try (KeyValueIterator<String, NormalizedEvent> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<String, NormalizedEvent> entry = it.next();
                if (due.test(entry.value)) {
                    released.add(entry);
                }
            }
        }
        for (KeyValue<String, NormalizedEvent> entry : released) {
            pending.delete(entry.key);
            NormalizedEvent event = entry.value;
            context.forward(new Record<>(
                    event.partitionKey(), attribute.apply(event), event.time().toEpochMilli()));
        }
    }

    /** Time first, so that released events leave in event-time order. */
    private static String pendingKey(NormalizedEvent event, long timestamp) {
        return String.format("%019d/%s", Math.max(0, timestamp), event.id());
    }
}
