package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Tenancy as the cluster directory publishes it on {@code tw.tenancy}, read from the topology's
 * global store (every detectors instance holds all of it), and, where the directory has no live
 * record of a namespace, what its namespace events taught ({@link LearnedTenancy}, source
 * {@code namespace-event}): the directory wins whenever it speaks about the same incarnation. A
 * namespace the directory marked deleted maps to nothing, unless events show a later incarnation.
 */
public final class DirectoryTenancy implements ClusterTenancy {

    public static final String SOURCE_NAMESPACE_EVENT = "namespace-event";

    private final LearnedTenancy learned;
    private volatile ReadOnlyKeyValueStore<String, TenancyRecord> store;

    /** The directory alone. */
    public DirectoryTenancy() {
        this(null);
    }

    /** The directory first, then {@code learned} (null: nothing learned). */
    public DirectoryTenancy(LearnedTenancy learned) {
        this.learned = learned;
    }

    /** Called by the topology's first processor once the global store exists. */
    public void bind(ReadOnlyKeyValueStore<String, TenancyRecord> store) {
        this.store = store;
    }

    @Override
    public StaticTenancy.TenantMatch namespace(String cluster, String namespace) {
        // Attribution asks this several times per event: the key is built once for both lookups.
        String key = NamespaceTenancy.key(cluster, namespace);
        NamespaceTenancy fromEvents = learned == null ? null : learned.record(key);
        if (record(key) instanceof NamespaceTenancy ns && !laterIncarnation(fromEvents, ns)) {
            return ns.deleted() || ns.tenant() == null ? null : new StaticTenancy.TenantMatch(ns.tenant(), ns.source());
        }
        return LearnedTenancy.match(fromEvents);
    }

    /**
     * Whether events show an incarnation the directory has not published yet: created after the
     * one it deleted, or with another uid than the one it holds live (the directory publishes within
     * a second, so this covers only its lag).
     */
    private static boolean laterIncarnation(NamespaceTenancy fromEvents, NamespaceTenancy directory) {
        if (fromEvents == null || fromEvents.deleted()) {
            return false;
        }
        if (directory.deleted()) {
            return !Objects.equals(fromEvents.uid(), directory.uid())
                    && after(fromEvents.validFrom(), directory.validFrom());
        }
        return fromEvents.uid() != null
                && directory.uid() != null
                && !fromEvents.uid().equals(directory.uid())
                && after(fromEvents.validFrom(), directory.validFrom());
    }

    private static boolean after(Instant a, Instant b) {
        return a != null && b != null && a.isAfter(b);
    }

    /**
     * Whether the directory has published the namespace (mapped, unmapped or deleted), or its events
     * named its tenant: then an event for it need not wait for the directory.
     */
    public boolean knows(String cluster, String namespace) {
        String key = NamespaceTenancy.key(cluster, namespace);
        return record(key) != null || (learned != null && LearnedTenancy.match(learned.record(key)) != null);
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

    private TenancyRecord record(String key) {
        ReadOnlyKeyValueStore<String, TenancyRecord> s = store;
        return s == null ? null : s.get(key);
    }
}
