package io.tenantwatch.ingest.tenancy.cluster;

import java.util.List;

/**
 * A Capsule Tenant ({@code capsule.clastix.io/v1beta2}), read as a generic resource: its owners
 * from {@code spec.owners} and {@code status.owners}, and the namespaces its status lists.
 */
public record CapsuleTenantObject(String name, List<Owner> owners, List<String> namespaces) {

    /** An owner: {@code kind} is User, Group or ServiceAccount, as Capsule spells them. */
    public record Owner(String kind, String name) {}

    public CapsuleTenantObject {
        owners = owners == null ? List.of() : List.copyOf(owners);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
