package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.StaticTenancy;
import java.util.List;
import java.util.Set;

/**
 * What detectors may ask about tenancy beyond the event's own attribution: whose a namespace is,
 * whose an RBAC subject is, and which namespace labels name tenants. {@link Attributor} answers
 * from the same sources it attributes with.
 */
public interface TenancyView {

    /** Knows nothing: every namespace unmapped, every identity without tenants. */
    TenancyView NONE = new TenancyView() {
        @Override
        public StaticTenancy.TenantMatch namespaceTenant(String cluster, String namespace) {
            return null;
        }

        @Override
        public Set<String> homeTenants(String cluster, String kind, String name) {
            return Set.of();
        }

        @Override
        public List<String> namespaceLabels() {
            return List.of();
        }

        @Override
        public List<String> conflicts(String cluster, String namespace) {
            return List.of();
        }
    };

    /** The namespace's tenant and deciding source, or null when unmapped. */
    StaticTenancy.TenantMatch namespaceTenant(String cluster, String namespace);

    /**
     * The home tenants of an identity: {@code kind} is user, group or serviceaccount (name
     * {@code system:serviceaccount:<ns>:<sa>}); a group {@code system:serviceaccounts:<ns>} stands
     * for every service account of that namespace.
     */
    Set<String> homeTenants(String cluster, String kind, String name);

    /** The namespace label keys that name a tenant, in priority order. */
    List<String> namespaceLabels();

    /**
     * Where the static sources disagree about a namespace (two tenants' globs match it, or a tenant
     * and the platform list both claim it), one line each; empty when they agree.
     */
    List<String> conflicts(String cluster, String namespace);
}
