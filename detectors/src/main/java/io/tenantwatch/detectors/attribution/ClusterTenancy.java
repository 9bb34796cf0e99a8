package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.StaticTenancy;

import java.util.Set;

/**
 * The seam for tenancy learned from clusters (namespace labels, Capsule, HNC; TENANCY.md sources
 * 1–3), which take priority over the static file. The tenancy issue fills it from the
 * {@code tw.tenancy} GlobalKTable; until then {@link #NONE} knows nothing.
 */
public interface ClusterTenancy {

    ClusterTenancy NONE = new ClusterTenancy() {
        @Override
        public StaticTenancy.TenantMatch namespace(String cluster, String namespace) {
            return null;
        }

        @Override
        public void identityTenants(String cluster, String kind, String name, Set<String> into) {}
    };

    /** The namespace's tenant as the cluster says, or null when no cluster source maps it. */
    StaticTenancy.TenantMatch namespace(String cluster, String namespace);

    /** Adds the home tenants that cluster sources give an identity (kind user, group or serviceaccount). */
    void identityTenants(String cluster, String kind, String name, Set<String> into);
}
