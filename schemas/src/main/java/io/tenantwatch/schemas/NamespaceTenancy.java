package io.tenantwatch.schemas;

import java.time.Instant;

/**
 * A {@code tw.tenancy} record keyed {@code ns:<cluster>/<namespace>}: which tenant owns a
 * namespace, which source decided, and since when. {@code tenant} is {@link #PLATFORM_TENANT} for
 * platform namespaces and null when unmapped.
 */
public record NamespaceTenancy(
        String cluster,
        String namespace,
        String uid,
        String tenant,
        String source,
        Instant validFrom,
        boolean deleted) {

    public static final String PLATFORM_TENANT = "_platform";

    public static String key(String cluster, String namespace) {
        return "ns:" + cluster + "/" + namespace;
    }
}
