package io.tenantwatch.detectors.attribution;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.StaticTenancy;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Attributes an event to tenants (docs/tenancy.md) and classifies its actor (docs/detectors.md, "Actor
 * classes", first match wins). Thread-safe; holds no per-event state.
 */
public final class Attributor implements TenancyView {

    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    private static final String SERVICE_ACCOUNTS_GROUP_PREFIX = "system:serviceaccounts:";
    private static final Set<String> PLATFORM_USERNAMES =
            Set.of("aksService", "hcpService", "readinessChecker", "aks-support", "nodeclient", "system:apiserver");
    private static final String ANONYMOUS = "system:anonymous";
    private static final String MASTERS = "system:masters";
    private static final String AKS_LOCAL_ADMIN = "masterclient";
    /** Marks Falco alerts that name no namespace: attributed to the platform (docs/detectors.md, group G). */
    public static final String SOURCE_NO_NAMESPACE = "no-namespace";

    private final StaticTenancy file;
    private final ClusterTenancy cluster;

    public Attributor(StaticTenancy file, ClusterTenancy cluster) {
        this.file = file;
        this.cluster = cluster;
    }

    public NormalizedEvent attribute(NormalizedEvent event) {
        String clusterName = event.cluster();
        String namespace = event.namespace();

        String tenant = null;
        String tenancySource = null;
        if (namespace != null) {
            StaticTenancy.TenantMatch match = namespaceTenant(clusterName, namespace);
            if (match != null) {
                tenant = match.tenant();
                tenancySource = match.source();
            }
        } else if (event.isFalco()) {
            tenant = NamespaceTenancy.PLATFORM_TENANT;
            tenancySource = SOURCE_NO_NAMESPACE;
        }

        Actor actor = event.actor();
        if (actor == null) {
            return event.attributed(ActorClass.UNATTRIBUTED, tenant, List.of(), tenancySource);
        }
        Set<String> homeTenants = homeTenants(clusterName, actor);
        ActorClass actorClass = classify(clusterName, actor, homeTenants);
        return event.attributed(actorClass, tenant, List.copyOf(homeTenants), tenancySource);
    }

    /** Cluster sources first, then the file and the platform list (docs/tenancy.md priority order). */
    @Override
    public StaticTenancy.TenantMatch namespaceTenant(String clusterName, String namespace) {
        StaticTenancy.TenantMatch fromCluster = cluster.namespace(clusterName, namespace);
        return fromCluster != null ? fromCluster : file.namespace(clusterName, namespace);
    }

    @Override
    public Set<String> homeTenants(String clusterName, String kind, String name) {
        Set<String> tenants = new TreeSet<>();
        if (name == null) {
            return tenants;
        }
        switch (kind) {
            case IdentityTenancy.KIND_SERVICE_ACCOUNT -> {
                String ns = serviceAccountNamespace(
                        new Actor(name, null, List.of(), null, null, null, null, null, null, null));
                addNamespaceTenant(clusterName, ns, tenants);
                file.tenantsOfServiceAccount(clusterName, name, tenants);
                cluster.identityTenants(clusterName, kind, name, tenants);
            }
            case IdentityTenancy.KIND_GROUP -> {
                if (name.startsWith(SERVICE_ACCOUNTS_GROUP_PREFIX)) {
                    addNamespaceTenant(clusterName, name.substring(SERVICE_ACCOUNTS_GROUP_PREFIX.length()), tenants);
                }
                file.tenantsOfGroup(clusterName, name, tenants);
                cluster.identityTenants(clusterName, kind, name, tenants);
            }
            default -> {
                file.tenantsOfUser(clusterName, name, null, tenants);
                cluster.identityTenants(clusterName, IdentityTenancy.KIND_USER, name, tenants);
            }
        }
        return tenants;
    }

    @Override
    public List<String> namespaceLabels() {
        return file.namespaceLabels();
    }

    @Override
    public List<String> conflicts(String clusterName, String namespace) {
        List<String> fromCluster = cluster.conflicts(clusterName, namespace);
        if (fromCluster.isEmpty()) {
            return file.conflicts(clusterName, namespace);
        }
        List<String> all = new java.util.ArrayList<>(fromCluster);
        file.conflicts(clusterName, namespace).stream()
                .filter(c -> !all.contains(c))
                .forEach(all::add);
        return all;
    }

    private void addNamespaceTenant(String clusterName, String namespace, Set<String> into) {
        if (namespace == null) {
            return;
        }
        StaticTenancy.TenantMatch ns = namespaceTenant(clusterName, namespace);
        if (ns != null && !NamespaceTenancy.PLATFORM_TENANT.equals(ns.tenant())) {
            into.add(ns.tenant());
        }
    }

    private Set<String> homeTenants(String clusterName, Actor actor) {
        Set<String> tenants = new TreeSet<>();
        String username = actor.username();
        String saNamespace = serviceAccountNamespace(actor);
        if (saNamespace != null) {
            addNamespaceTenant(clusterName, saNamespace, tenants);
            file.tenantsOfServiceAccount(clusterName, username, tenants);
            cluster.identityTenants(clusterName, IdentityTenancy.KIND_SERVICE_ACCOUNT, username, tenants);
        } else if (username != null) {
            file.tenantsOfUser(clusterName, username, actor.extraOid(), tenants);
            cluster.identityTenants(clusterName, IdentityTenancy.KIND_USER, username, tenants);
            if (actor.extraOid() != null) {
                cluster.identityTenants(clusterName, IdentityTenancy.KIND_USER, actor.extraOid(), tenants);
            }
        }
        for (String group : actor.groups()) {
            file.tenantsOfGroup(clusterName, group, tenants);
            cluster.identityTenants(clusterName, IdentityTenancy.KIND_GROUP, group, tenants);
        }
        return tenants;
    }

    private ActorClass classify(String clusterName, Actor actor, Set<String> homeTenants) {
        if (isPlatform(clusterName, actor)) {
            return ActorClass.PLATFORM;
        }
        String username = actor.username();
        if (ANONYMOUS.equals(username)) {
            return ActorClass.ANONYMOUS;
        }
        if (AKS_LOCAL_ADMIN.equals(username) || file.isAdminUser(username, actor.extraOid())) {
            return ActorClass.ADMIN;
        }
        for (String group : actor.groups()) {
            if (MASTERS.equals(group) || file.isAdminGroup(group)) {
                return ActorClass.ADMIN;
            }
        }
        return homeTenants.isEmpty() ? ActorClass.UNATTRIBUTED : ActorClass.TENANT_MEMBER;
    }

    private boolean isPlatform(String clusterName, Actor actor) {
        String username = actor.username();
        if (username != null) {
            if (PLATFORM_USERNAMES.contains(username)
                    || username.startsWith("system:kube-")
                    || username.startsWith("system:node:")
                    || file.isPlatformUser(username, actor.extraOid())
                    || file.isPlatformServiceAccount(username)) {
                return true;
            }
        }
        String saNamespace = serviceAccountNamespace(actor);
        if (saNamespace != null) {
            StaticTenancy.TenantMatch ns = namespaceTenant(clusterName, saNamespace);
            if (ns != null && NamespaceTenancy.PLATFORM_TENANT.equals(ns.tenant())) {
                return true;
            }
        }
        for (String group : actor.groups()) {
            if ("system:nodes".equals(group) || file.isPlatformGroup(group)) {
                return true;
            }
        }
        return false;
    }

    /** The namespace of a service-account username {@code system:serviceaccount:<ns>:<name>}, else null. */
    static String serviceAccountNamespace(Actor actor) {
        if (actor.serviceAccountNamespace() != null) {
            return actor.serviceAccountNamespace();
        }
        String username = actor.username();
        if (username == null || !username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return null;
        }
        int colon = username.indexOf(':', SERVICE_ACCOUNT_PREFIX.length());
        return colon < 0 ? null : username.substring(SERVICE_ACCOUNT_PREFIX.length(), colon);
    }
}
