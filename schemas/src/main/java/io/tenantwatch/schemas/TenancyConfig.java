package io.tenantwatch.schemas;

import java.util.List;
import java.util.Set;

/**
 * The static tenancy file (docs/tenancy.md): the same model the Kubernetes sources
 * fill. Lists are never null; missing sections are empty.
 */
public record TenancyConfig(List<String> namespaceLabels, List<Tenant> tenants, Platform platform, Admins admins) {

    public static final List<String> DEFAULT_NAMESPACE_LABELS = List.of(
            "tenantwatch.io/tenant", "capsule.clastix.io/tenant", "field.cattle.io/projectId", "kiosk.sh/account");

    public static final List<String> DEFAULT_PLATFORM_NAMESPACES = List.of(
            "kube-system",
            "kube-public",
            "kube-node-lease",
            "gatekeeper-system",
            "calico-system",
            "tigera-operator",
            "app-routing-system");

    private static final Set<String> DEFAULT_PLATFORM_NAMESPACE_SET = Set.copyOf(DEFAULT_PLATFORM_NAMESPACES);

    /** Whether {@code namespace} is one of {@link #DEFAULT_PLATFORM_NAMESPACES}, always the platform's. */
    public static boolean isDefaultPlatformNamespace(String namespace) {
        return namespace != null && DEFAULT_PLATFORM_NAMESPACE_SET.contains(namespace);
    }

    /** No tenants, default labels and platform namespaces: what replay uses without a file. */
    public static final TenancyConfig EMPTY = new TenancyConfig(null, null, null, null);

    public TenancyConfig {
        namespaceLabels = namespaceLabels == null || namespaceLabels.isEmpty()
                ? DEFAULT_NAMESPACE_LABELS
                : List.copyOf(namespaceLabels);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        platform = platform == null ? new Platform(null, null, null, null) : platform;
        admins = admins == null ? new Admins(null, null) : admins;
    }

    public record Tenant(
            String name,
            List<String> namespaces,
            List<String> users,
            List<String> groups,
            List<String> serviceAccounts,
            List<String> clusters) {
        public Tenant {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
            users = users == null ? List.of() : List.copyOf(users);
            groups = groups == null ? List.of() : List.copyOf(groups);
            serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
        }

        public boolean appliesTo(String cluster) {
            return clusters.isEmpty() || clusters.contains(cluster);
        }
    }

    /** Platform automation and shared services; namespaces are added to the defaults. */
    public record Platform(
            List<String> namespaces, List<String> users, List<String> groups, List<String> serviceAccounts) {
        public Platform {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
            users = users == null ? List.of() : List.copyOf(users);
            groups = groups == null ? List.of() : List.copyOf(groups);
            serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
        }
    }

    /** People with break-glass power (actor class admin). */
    public record Admins(List<String> users, List<String> groups) {
        public Admins {
            users = users == null ? List.of() : List.copyOf(users);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }
}
