package io.tenantwatch.detectors.attribution;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.TenancyRecord;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Learns tenancy from allowed namespace create, update, patch and delete requests and forwards
 * each change as a {@link NamespaceTenancy} keyed like {@code tw.tenancy}. A namespace's own
 * requests share the key cluster/namespace with the requests inside it, so one task sees all of
 * them in order: its changelogged store of {@link LearnedNamespace}s is the exact base that a
 * Request-level patch (which names only the labels it changes) is applied to, after a restart or a
 * move to another instance as well.
 */
public final class NamespaceLearner implements Processor<String, NormalizedEvent, String, TenancyRecord> {

    /**
     * A create is learned before the event is attributed, so that the create itself, and the
     * namespace's first requests, belong to the tenant it names. A relabel or delete is learned after,
     * so that the write itself is judged against the tenant it changes ({@code tenant-boundary-change}
     * says "was tenant X").
     */
    public static final Set<String> BEFORE_ATTRIBUTION = Set.of("create");

    public static final Set<String> AFTER_ATTRIBUTION = Set.of("update", "patch", "delete");

    private final Set<String> verbs;
    private final LearnedTenancy learned;
    private final List<String> namespaceLabels;
    private final String stateStore;
    private final String globalStore;
    private ProcessorContext<String, TenancyRecord> context;
    private KeyValueStore<String, LearnedNamespace> state;

    public NamespaceLearner(
            Set<String> verbs,
            LearnedTenancy learned,
            List<String> namespaceLabels,
            String stateStore,
            String globalStore) {
        this.verbs = verbs;
        this.learned = learned;
        this.namespaceLabels = List.copyOf(namespaceLabels);
        this.stateStore = stateStore;
        this.globalStore = globalStore;
    }

    @Override
    public void init(ProcessorContext<String, TenancyRecord> context) {
        this.context = context;
        this.state = context.getStateStore(stateStore);
        learned.bind(context.getStateStore(globalStore));
    }

    @Override
    public void process(Record<String, NormalizedEvent> record) {
        NormalizedEvent event = record.value();
        // Falco events have no verb, and an immutable set refuses to look null up.
        if (event == null || event.verb() == null || !verbs.contains(event.verb()) || !teaches(event)) {
            return;
        }
        String key = NamespaceTenancy.key(event.cluster(), event.namespace());
        LearnedNamespace before = state.get(key);
        LearnedNamespace after =
                LearnedNamespace.after(before, event.verb(), event.facts().namespace(), event.time(), namespaceLabels);
        if (after == null || after.equals(before)) {
            return;
        }
        state.put(key, after);
        NamespaceTenancy published = after.toRecord(event.cluster(), event.namespace(), namespaceLabels);
        learned.written(key, published);
        context.forward(new Record<>(key, published, record.timestamp()));
    }

    /** What the API server did to the namespace object itself; a dry run changed nothing. */
    private static boolean teaches(NormalizedEvent event) {
        ResourceRef ref = event.resource();
        if (!event.isAudit()
                || ref == null
                || !"namespaces".equals(ref.resource())
                || ref.subresource() != null
                || event.namespace() == null) {
            return false; // every other create, update, patch and delete: decided without allocating
        }
        EventContext context = new EventContext(event);
        return context.isAllowed() && context.queryParam("dryRun") == null;
    }
}
