package io.tenantwatch.schemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The static tenancy file as a tenancy source (docs/tenancy.md, sources 4 and 5): tenants' namespaces
 * by exact name or glob, platform namespaces, and the identities each tenant, the platform and the
 * admins list. Immutable and thread-safe.
 */
public final class StaticTenancy {

    public static final String SOURCE_FILE = "file";
    public static final String SOURCE_PLATFORM_DEFAULT = "platform-default";

    private record TenantGlob(String tenant, Glob glob, List<String> clusters) {
        boolean appliesTo(String cluster) {
            return clusters.isEmpty() || clusters.contains(cluster);
        }
    }

    /** Exact namespace names: the tenants (usually one) that claim it, in file order. */
    private final Map<String, List<TenantGlob>> exactNamespaces = new HashMap<>();

    private final List<TenantGlob> globNamespaces = new ArrayList<>();
    private final List<Glob> platformNamespacesFromFile = new ArrayList<>();

    private final Map<String, List<TenantGlob>> usersLowerCase = new HashMap<>();
    private final Map<String, List<TenantGlob>> groups = new HashMap<>();
    private final Map<String, List<TenantGlob>> serviceAccounts = new HashMap<>();

    private final Set<String> platformUsersLowerCase = new LinkedHashSet<>();
    private final Set<String> platformGroups;
    private final Set<String> platformServiceAccounts;
    private final Set<String> adminUsersLowerCase = new LinkedHashSet<>();
    private final Set<String> adminGroups;
    private final List<String> namespaceLabels;

    private static final int CACHE_LIMIT = 50_000;
    /** Stands for "no tenant" in the cache, which cannot hold null. */
    private static final TenantMatch UNMAPPED = new TenantMatch(null, null);

    private final Map<String, TenantMatch> namespaceCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> conflictCache = new java.util.concurrent.ConcurrentHashMap<>();

    public StaticTenancy(TenancyConfig config) {
        for (TenancyConfig.Tenant t : config.tenants()) {
            for (String pattern : t.namespaces()) {
                TenantGlob entry = new TenantGlob(t.name(), Glob.compile(pattern), t.clusters());
                if (entry.glob().isLiteral()) {
                    exactNamespaces
                            .computeIfAbsent(pattern, k -> new ArrayList<>())
                            .add(entry);
                } else {
                    globNamespaces.add(entry);
                }
            }
            TenantGlob owner = new TenantGlob(t.name(), null, t.clusters());
            t.users().forEach(u -> usersLowerCase
                    .computeIfAbsent(u.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(owner));
            t.groups().forEach(g -> groups.computeIfAbsent(g, k -> new ArrayList<>())
                    .add(owner));
            t.serviceAccounts().forEach(sa -> serviceAccounts
                    .computeIfAbsent(sa, k -> new ArrayList<>())
                    .add(owner));
        }
        config.platform().namespaces().forEach(p -> platformNamespacesFromFile.add(Glob.compile(p)));
        config.platform().users().forEach(u -> platformUsersLowerCase.add(u.toLowerCase(Locale.ROOT)));
        platformGroups = Set.copyOf(config.platform().groups());
        platformServiceAccounts = Set.copyOf(config.platform().serviceAccounts());
        config.admins().users().forEach(u -> adminUsersLowerCase.add(u.toLowerCase(Locale.ROOT)));
        adminGroups = Set.copyOf(config.admins().groups());
        namespaceLabels = config.namespaceLabels();
    }

    public List<String> namespaceLabels() {
        return namespaceLabels;
    }

    /**
     * The tenant of a namespace by this file: an exact name beats a glob, among globs the first
     * tenant in the file wins, a tenant beats the platform list. Null when the file does not map it.
     */
    public TenantMatch namespace(String cluster, String namespace) {
        TenantMatch cached = namespaceCache.get(cacheKey(cluster, namespace));
        if (cached != null) {
            return cached == UNMAPPED ? null : cached;
        }
        TenantMatch match = resolveNamespace(cluster, namespace);
        remember(namespaceCache, cacheKey(cluster, namespace), match == null ? UNMAPPED : match);
        return match;
    }

    private TenantMatch resolveNamespace(String cluster, String namespace) {
        List<TenantGlob> exact = exactNamespaces.get(namespace);
        if (exact != null) {
            for (TenantGlob t : exact) {
                if (t.appliesTo(cluster)) {
                    return new TenantMatch(t.tenant(), SOURCE_FILE);
                }
            }
        }
        for (TenantGlob t : globNamespaces) {
            if (t.appliesTo(cluster) && t.glob().matches(namespace)) {
                return new TenantMatch(t.tenant(), SOURCE_FILE);
            }
        }
        if (TenancyConfig.isDefaultPlatformNamespace(namespace)) {
            return new TenantMatch(NamespaceTenancy.PLATFORM_TENANT, SOURCE_PLATFORM_DEFAULT);
        }
        if (Glob.anyMatches(platformNamespacesFromFile, namespace)) {
            return new TenantMatch(NamespaceTenancy.PLATFORM_TENANT, SOURCE_FILE);
        }
        return null;
    }

    /**
     * The claims on a namespace that lose to the deciding one: other tenants whose exact names or
     * globs match it too, and the platform list when a tenant also claims it. One line per claim.
     */
    public List<String> conflicts(String cluster, String namespace) {
        String key = cacheKey(cluster, namespace);
        List<String> cached = conflictCache.get(key);
        if (cached == null) {
            cached = findConflicts(cluster, namespace);
            remember(conflictCache, key, cached);
        }
        return cached;
    }

    private List<String> findConflicts(String cluster, String namespace) {
        List<String> claims = new ArrayList<>();
        List<TenantGlob> exact = exactNamespaces.get(namespace);
        if (exact != null) {
            exact.stream()
                    .filter(t -> t.appliesTo(cluster))
                    .forEach(t -> claims.add(t.tenant() + " (" + namespace + ")"));
        }
        for (TenantGlob t : globNamespaces) {
            if (t.appliesTo(cluster) && t.glob().matches(namespace)) {
                claims.add(t.tenant() + " (" + t.glob().pattern() + ")");
            }
        }
        boolean platform = TenancyConfig.isDefaultPlatformNamespace(namespace)
                || platformNamespacesFromFile.stream().anyMatch(g -> g.matches(namespace));
        if (platform) {
            claims.add(NamespaceTenancy.PLATFORM_TENANT + " (platform namespaces)");
        }
        long tenants = claims.stream()
                .map(c -> c.substring(0, c.indexOf(' ')))
                .distinct()
                .count();
        return tenants > 1 ? List.copyOf(claims) : List.of();
    }

    /** Tenants that list this user by UPN (case-insensitive) or Entra object id. */
    public void tenantsOfUser(String cluster, String username, String objectId, Set<String> into) {
        if (username != null) {
            addTenants(usersLowerCase.get(username.toLowerCase(Locale.ROOT)), cluster, into);
        }
        if (objectId != null) {
            addTenants(usersLowerCase.get(objectId.toLowerCase(Locale.ROOT)), cluster, into);
        }
    }

    public void tenantsOfGroup(String cluster, String group, Set<String> into) {
        addTenants(groups.get(group), cluster, into);
    }

    /** Tenants that list this service account ({@code system:serviceaccount:ns:name}) explicitly. */
    public void tenantsOfServiceAccount(String cluster, String username, Set<String> into) {
        addTenants(serviceAccounts.get(username), cluster, into);
    }

    public boolean isPlatformUser(String username, String objectId) {
        return (username != null && platformUsersLowerCase.contains(username.toLowerCase(Locale.ROOT)))
                || (objectId != null && platformUsersLowerCase.contains(objectId.toLowerCase(Locale.ROOT)));
    }

    public boolean isPlatformGroup(String group) {
        return platformGroups.contains(group);
    }

    public boolean isPlatformServiceAccount(String username) {
        return platformServiceAccounts.contains(username);
    }

    public boolean isAdminUser(String username, String objectId) {
        return (username != null && adminUsersLowerCase.contains(username.toLowerCase(Locale.ROOT)))
                || (objectId != null && adminUsersLowerCase.contains(objectId.toLowerCase(Locale.ROOT)));
    }

    public boolean isAdminGroup(String group) {
        return adminGroups.contains(group);
    }

    private static void addTenants(List<TenantGlob> owners, String cluster, Set<String> into) {
        if (owners == null) {
            return;
        }
        for (TenantGlob t : owners) {
            if (t.appliesTo(cluster)) {
                into.add(t.tenant());
            }
        }
    }

    private static String cacheKey(String cluster, String namespace) {
        return cluster + '\u001F' + namespace;
    }

    /**
     * The file never changes while this object lives, so answers per namespace are kept: the
     * per-event path then costs one map lookup instead of a walk over every glob. Bounded: a
     * cluster with more namespaces than this starts over rather than growing without limit.
     */
    private static <V> void remember(Map<String, V> cache, String key, V value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
    }

    /** A namespace's tenant and the source that decided it. */
    public record TenantMatch(String tenant, String source) {}
}
