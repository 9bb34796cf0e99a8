package io.tenantwatch.schemas;

import java.time.Instant;
import java.util.List;

/**
 * A {@code tw.tenancy} record keyed {@code ns:<cluster>/<namespace>}: which tenant owns a
 * namespace, which source decided, and since when. {@code tenant} is {@link #PLATFORM_TENANT} for
 * platform namespaces and null when unmapped (then {@code source} is null too). {@code uid} ties
 * the record to one incarnation of the namespace: a namespace deleted and created again under the
 * same name is another object and never inherits this tenant. {@code conflicts} lists where the
 * tenancy sources disagree, one line each.
 */
public record NamespaceTenancy(
        String cluster,
        String namespace,
        String uid,
        String tenant,
        String source,
        Instant validFrom,
        boolean deleted,
        List<String> conflicts)
        implements TenancyRecord {

    public static final String PLATFORM_TENANT = "_platform";

    public NamespaceTenancy {
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    public NamespaceTenancy(
            String cluster,
            String namespace,
            String uid,
            String tenant,
            String source,
            Instant validFrom,
            boolean deleted) {
        this(cluster, namespace, uid, tenant, source, validFrom, deleted, List.of());
    }

    public static String key(String cluster, String namespace) {
        return "ns:" + cluster + "/" + namespace;
    }

    /** The same incarnation, marked deleted as of {@code at}. */
    public NamespaceTenancy deletedAt(Instant at) {
        return new NamespaceTenancy(cluster, namespace, uid, tenant, source, at, true, conflicts);
    }
}
