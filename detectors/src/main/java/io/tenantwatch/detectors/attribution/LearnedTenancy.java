package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyRecord;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Tenancy learned from the namespaces' own create, relabel and delete events (docs/tenancy.md,
 * "Learning tenancy from the audit stream"), as {@link NamespaceLearner} publishes it on the
 * learned-tenancy topic and every instance reads it back from its global store.
 *
 * <p>A record this instance has written but its global store does not show yet (the write waits
 * for the transaction's commit, then for the global thread) is answered from memory meanwhile, so
 * that the request right after a namespace's create sees it in the service as it does in
 * {@code replay}. That memory only bridges the commit: what counts is the topic, and a restarted
 * instance reads all of it before it processes an event.
 *
 * <p>A deleted namespace keeps its tenant here: the deletion request only starts its termination,
 * and the requests that tear it down are still its tenant's. The name's next create replaces the
 * record, labels and all, so a new incarnation never inherits the old tenant.
 */
public final class LearnedTenancy implements ClusterTenancy {

    /** The {@code source} of learned records and of the events they attribute. */
    public static final String SOURCE = DirectoryTenancy.SOURCE_NAMESPACE_EVENT;
    /** Written records awaiting their global store, at most; beyond it the store alone answers. */
    private static final int UNCONFIRMED_LIMIT = 10_000;

    private volatile ReadOnlyKeyValueStore<String, TenancyRecord> store;
    private final Map<String, NamespaceTenancy> unconfirmed = new ConcurrentHashMap<>();

    /** Called by the learner once the global store exists. */
    void bind(ReadOnlyKeyValueStore<String, TenancyRecord> store) {
        this.store = store;
    }

    /** The learned record of a namespace, deleted or not, or null when no event taught one. */
    public NamespaceTenancy record(String cluster, String namespace) {
        return record(NamespaceTenancy.key(cluster, namespace));
    }

    /** The same by the namespace's {@link NamespaceTenancy#key}, for a caller that already built it. */
    NamespaceTenancy record(String key) {
        ReadOnlyKeyValueStore<String, TenancyRecord> s = store;
        NamespaceTenancy published = s != null && s.get(key) instanceof NamespaceTenancy ns ? ns : null;
        NamespaceTenancy written = unconfirmed.get(key);
        if (written == null) {
            return published;
        }
        if (published != null && (published.equals(written) || newer(published, written))) {
            unconfirmed.remove(key, written);
            return published;
        }
        return written;
    }

    /** Another instance wrote later (the namespace's task moved there): its record wins. */
    private static boolean newer(NamespaceTenancy a, NamespaceTenancy b) {
        return a.validFrom() != null && b.validFrom() != null && a.validFrom().isAfter(b.validFrom());
    }

    @Override
    public StaticTenancy.TenantMatch namespace(String cluster, String namespace) {
        return match(record(cluster, namespace));
    }

    static StaticTenancy.TenantMatch match(NamespaceTenancy learned) {
        return learned == null || learned.tenant() == null
                ? null
                : new StaticTenancy.TenantMatch(learned.tenant(), learned.source());
    }

    /** Namespace events name no identity's tenants. */
    @Override
    public void identityTenants(String cluster, String kind, String name, Set<String> into) {}

    /** A record just written to the topic, answered from memory until the global store has it. */
    void written(String key, NamespaceTenancy record) {
        if (unconfirmed.size() < UNCONFIRMED_LIMIT || unconfirmed.containsKey(key)) {
            unconfirmed.put(key, record);
        }
    }
}
