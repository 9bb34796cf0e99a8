package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Tenancy as the cluster directory publishes it on {@code tw.tenancy}, read from the topology's
 * global store (every detectors instance holds all of it), plus what namespace-create events say
 * about their own namespace until the directory has caught up (source {@code namespace-event}).
 * A namespace the directory marked deleted maps to nothing: a namespace created again under the
 * same name starts from its own labels, never from the old tenant.
 */
public final class DirectoryTenancy implements ClusterTenancy {

    public static final String SOURCE_NAMESPACE_EVENT = "namespace-event";
    /** Namespace-create events remembered at most; beyond it the directory alone answers. */
    private static final int LEARNED_LIMIT = 100_000;

    private volatile ReadOnlyKeyValueStore<String, TenancyRecord> store;
    private final Map<String, StaticTenancy.TenantMatch> learned = new ConcurrentHashMap<>();

    /** Called by the topology's first processor once the global store exists. */
    public void bind(ReadOnlyKeyValueStore<String, TenancyRecord> store) {
        this.store = store;
    }

    @Override
    public StaticTenancy.TenantMatch namespace(String cluster, String namespace) {
        TenancyRecord record = record(NamespaceTenancy.key(cluster, namespace));
        if (record instanceof NamespaceTenancy ns) {
            if (ns.deleted() || ns.tenant() == null) {
                return null;
            }
            return new StaticTenancy.TenantMatch(ns.tenant(), ns.source());
        }
        return learned.get(NamespaceTenancy.key(cluster, namespace));
    }

    /** Whether the directory has published the namespace (mapped, unmapped or deleted), or a create event named it. */
    public boolean knows(String cluster, String namespace) {
        String key = NamespaceTenancy.key(cluster, namespace);
        return record(key) != null || learned.containsKey(key);
    }

    @Override
    public void identityTenants(String cluster, String kind, String name, Set<String> into) {
        String key = IdentityTenancy.key(
                cluster, kind, IdentityTenancy.KIND_USER.equals(kind) ? name.toLowerCase(Locale.ROOT) : name);
        if (record(key) instanceof IdentityTenancy identity) {
            into.addAll(identity.tenants());
        }
    }

    @Override
    public List<String> conflicts(String cluster, String namespace) {
        return record(NamespaceTenancy.key(cluster, namespace)) instanceof NamespaceTenancy ns && !ns.deleted()
                ? ns.conflicts()
                : List.of();
    }

    /** A namespace-create event's own tenant label, until the directory publishes the namespace. */
    void learnedFromCreate(String cluster, String namespace, String tenant) {
        if (learned.size() < LEARNED_LIMIT) {
            learned.put(
                    NamespaceTenancy.key(cluster, namespace),
                    new StaticTenancy.TenantMatch(tenant, SOURCE_NAMESPACE_EVENT));
        }
    }

    void forgetNamespace(String cluster, String namespace) {
        learned.remove(NamespaceTenancy.key(cluster, namespace));
    }

    private TenancyRecord record(String key) {
        ReadOnlyKeyValueStore<String, TenancyRecord> s = store;
        return s == null ? null : s.get(key);
    }
}
