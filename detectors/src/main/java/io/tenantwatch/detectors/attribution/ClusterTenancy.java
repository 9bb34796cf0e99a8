package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.StaticTenancy;
import java.util.Set;

/**
 * The seam for tenancy learned from clusters (namespace labels, Capsule, HNC; docs/tenancy.md sources
 * 1–3), which take priority over the static file: {@link DirectoryTenancy} reads them from the
 * {@code tw.tenancy} global store; {@link #NONE} knows nothing (replay without a cluster).
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

    /** Where the cluster sources disagree about the namespace, one line each; empty when they agree. */
    default java.util.List<String> conflicts(String cluster, String namespace) {
        return java.util.List.of();
    }

    /** The namespace's tenant as the cluster says, or null when no cluster source maps it. */
    StaticTenancy.TenantMatch namespace(String cluster, String namespace);

    /** Adds the home tenants that cluster sources give an identity (kind user, group or serviceaccount). */
    void identityTenants(String cluster, String kind, String name, Set<String> into);
}
