package io.tenantwatch.ingest.tenancy.cluster;

import java.util.List;
import java.util.Map;

/**
 * One consistent look at what a cluster says about tenancy: its namespaces by name, its Capsule
 * Tenants, and HNC parents (child namespace to parent, from HierarchyConfigurations).
 */
public record ClusterObjects(
        Map<String, NamespaceObject> namespaces,
        List<CapsuleTenantObject> capsuleTenants,
        Map<String, String> hncParents) {

    public ClusterObjects {
        namespaces = Map.copyOf(namespaces);
        capsuleTenants = List.copyOf(capsuleTenants);
        hncParents = Map.copyOf(hncParents);
    }
}
