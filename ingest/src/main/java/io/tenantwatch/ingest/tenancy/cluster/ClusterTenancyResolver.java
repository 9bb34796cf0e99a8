package io.tenantwatch.ingest.tenancy.cluster;

import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves a cluster's tenancy in the priority order of docs/tenancy.md: tenant labels (in the
 * configured order), Capsule (owner reference, then a Tenant's status), HNC (the tree's root),
 * the static file, the platform defaults; otherwise unmapped. Every record names the source that
 * decided and lists where sources disagree. Pure: the same objects always give the same records.
 */
public final class ClusterTenancyResolver {

    public static final String SOURCE_CAPSULE = "capsule";
    public static final String SOURCE_HNC = "hnc";
    static final String LABEL_SOURCE_PREFIX = "label:";
    static final String HNC_DEPTH_SUFFIX = ".tree.hnc.x-k8s.io/depth";

    private final StaticTenancy file;
    private final List<String> namespaceLabels;

    public ClusterTenancyResolver(StaticTenancy file) {
        this.file = file;
        this.namespaceLabels = file.namespaceLabels();
    }

    /** A cluster's resolved tenancy: records by their {@code tw.tenancy} key. */
    public record Resolution(Map<String, NamespaceTenancy> namespaces, Map<String, IdentityTenancy> identities) {}

    public Resolution resolve(String cluster, ClusterObjects objects) {
        Map<String, String> capsuleStatus = capsuleStatusTenants(objects);
        Map<String, NamespaceTenancy> namespaces = new TreeMap<>();
        for (NamespaceObject ns : objects.namespaces().values()) {
            NamespaceTenancy record = resolveNamespace(cluster, ns, objects, capsuleStatus);
            namespaces.put(NamespaceTenancy.key(cluster, ns.name()), record);
        }
        return new Resolution(namespaces, identities(cluster, objects));
    }

    private NamespaceTenancy resolveNamespace(
            String cluster, NamespaceObject ns, ClusterObjects objects, Map<String, String> capsuleStatus) {
        List<String> conflicts = new ArrayList<>();
        Decision label = byLabel(ns, conflicts);
        Decision capsule = byCapsule(ns, capsuleStatus, conflicts);
        Decision hnc = byHnc(cluster, ns, objects, capsuleStatus);
        StaticTenancy.TenantMatch fromFile = file.namespace(cluster, ns.name());

        if (label != null && capsule != null && !label.tenant().equals(capsule.tenant())) {
            conflicts.add("label " + label.source().substring(LABEL_SOURCE_PREFIX.length()) + "=" + label.tenant()
                    + " but Capsule Tenant " + capsule.tenant());
        }
        Decision clusterSide = label != null ? label : capsule;
        if (clusterSide != null && hnc != null && !clusterSide.tenant().equals(hnc.tenant())) {
            conflicts.add(clusterSide.source() + " says " + clusterSide.tenant() + " but the HNC tree's root says "
                    + hnc.tenant());
        }
        conflicts.addAll(file.conflicts(cluster, ns.name()));

        Decision decided = label != null
                ? label
                : capsule != null
                        ? capsule
                        : hnc != null
                                ? hnc
                                : fromFile != null ? new Decision(fromFile.tenant(), fromFile.source()) : null;
        return new NamespaceTenancy(
                cluster,
                ns.name(),
                ns.uid(),
                decided == null ? null : decided.tenant(),
                decided == null ? null : decided.source(),
                ns.created(),
                false,
                conflicts);
    }

    private record Decision(String tenant, String source) {}

    /** The first configured label key present wins; other keys naming another tenant are a conflict. */
    private Decision byLabel(NamespaceObject ns, List<String> conflicts) {
        Decision first = null;
        Map<String, String> named = new LinkedHashMap<>();
        for (String key : namespaceLabels) {
            String value = ns.labels().get(key);
            if (value == null || value.isBlank()) {
                continue;
            }
            named.put(key, value);
            if (first == null) {
                first = new Decision(value, LABEL_SOURCE_PREFIX + key);
            }
        }
        if (named.values().stream().distinct().count() > 1) {
            conflicts.add("tenant labels disagree: " + named);
        }
        return first;
    }

    private Decision byCapsule(NamespaceObject ns, Map<String, String> capsuleStatus, List<String> conflicts) {
        String byStatus = capsuleStatus.get(ns.name());
        if (ns.capsuleOwner() != null) {
            if (byStatus != null && !byStatus.equals(ns.capsuleOwner())) {
                conflicts.add("owner reference names Capsule Tenant " + ns.capsuleOwner() + " but Tenant " + byStatus
                        + " lists the namespace");
            }
            return new Decision(ns.capsuleOwner(), SOURCE_CAPSULE);
        }
        return byStatus == null ? null : new Decision(byStatus, SOURCE_CAPSULE);
    }

    /**
     * The HNC tree's root decides: the tenant of the root by label, Capsule or file, else the root's
     * own name. A root counts only when it has descendants: HNC labels every namespace it manages as
     * its own root, and a lone namespace is not a tenant.
     */
    private Decision byHnc(
            String cluster, NamespaceObject ns, ClusterObjects objects, Map<String, String> capsuleStatus) {
        String root = hncRoot(ns, objects);
        if (root == null) {
            return null;
        }
        if (root.equals(ns.name()) && !hasHncChildren(ns.name(), objects)) {
            return null;
        }
        NamespaceObject rootObject = objects.namespaces().get(root);
        if (rootObject != null && !root.equals(ns.name())) {
            List<String> ignored = new ArrayList<>();
            Decision rootDecision = byLabel(rootObject, ignored);
            if (rootDecision == null) {
                rootDecision = byCapsule(rootObject, capsuleStatus, ignored);
            }
            if (rootDecision != null) {
                return new Decision(rootDecision.tenant(), SOURCE_HNC);
            }
        }
        StaticTenancy.TenantMatch rootFromFile = file.namespace(cluster, root);
        if (rootFromFile != null && !NamespaceTenancy.PLATFORM_TENANT.equals(rootFromFile.tenant())) {
            return new Decision(rootFromFile.tenant(), SOURCE_HNC);
        }
        return new Decision(root, SOURCE_HNC);
    }

    /** The ancestor with the greatest depth label; failing labels, the parents' chain. */
    static String hncRoot(NamespaceObject ns, ClusterObjects objects) {
        String root = null;
        int rootDepth = -1;
        for (Map.Entry<String, String> label : ns.labels().entrySet()) {
            String key = label.getKey();
            if (!key.endsWith(HNC_DEPTH_SUFFIX)) {
                continue;
            }
            int depth = parseDepth(label.getValue());
            if (depth > rootDepth) {
                rootDepth = depth;
                root = key.substring(0, key.length() - HNC_DEPTH_SUFFIX.length());
            }
        }
        if (root != null) {
            return root;
        }
        String current = ns.name();
        Set<String> seen = new TreeSet<>();
        while (objects.hncParents().containsKey(current) && seen.add(current)) {
            current = objects.hncParents().get(current);
        }
        return current;
    }

    private static boolean hasHncChildren(String namespace, ClusterObjects objects) {
        if (objects.hncParents().containsValue(namespace)) {
            return true;
        }
        String ancestorLabel = namespace + HNC_DEPTH_SUFFIX;
        for (NamespaceObject other : objects.namespaces().values()) {
            if (!other.name().equals(namespace) && other.labels().containsKey(ancestorLabel)) {
                return true;
            }
        }
        return false;
    }

    private static int parseDepth(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Namespace → the Capsule Tenant whose status lists it (the first, by Tenant name). */
    private static Map<String, String> capsuleStatusTenants(ClusterObjects objects) {
        Map<String, String> byNamespace = new HashMap<>();
        objects.capsuleTenants().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(t -> t.namespaces().forEach(ns -> byNamespace.putIfAbsent(ns, t.name())));
        return byNamespace;
    }

    /** Identities that Capsule Tenants name as owners, each with every tenant it owns. */
    private static Map<String, IdentityTenancy> identities(String cluster, ClusterObjects objects) {
        Map<String, Set<String>> tenantsByIdentity = new TreeMap<>();
        for (CapsuleTenantObject tenant : objects.capsuleTenants()) {
            for (CapsuleTenantObject.Owner owner : tenant.owners()) {
                String kind = identityKind(owner.kind());
                if (kind == null || owner.name() == null || owner.name().isBlank()) {
                    continue;
                }
                tenantsByIdentity
                        .computeIfAbsent(kind + ":" + identityName(kind, owner.name()), k -> new TreeSet<>())
                        .add(tenant.name());
            }
        }
        Map<String, IdentityTenancy> identities = new TreeMap<>();
        tenantsByIdentity.forEach((kindAndName, tenants) -> {
            int colon = kindAndName.indexOf(':');
            String kind = kindAndName.substring(0, colon);
            String name = kindAndName.substring(colon + 1);
            identities.put(
                    IdentityTenancy.key(cluster, kind, name),
                    new IdentityTenancy(
                            cluster, kind, name, List.copyOf(tenants), ActorClass.TENANT_MEMBER, SOURCE_CAPSULE));
        });
        return identities;
    }

    private static String identityKind(String capsuleKind) {
        if (capsuleKind == null) {
            return null;
        }
        return switch (capsuleKind) {
            case "User" -> IdentityTenancy.KIND_USER;
            case "Group" -> IdentityTenancy.KIND_GROUP;
            case "ServiceAccount" -> IdentityTenancy.KIND_SERVICE_ACCOUNT;
            default -> null;
        };
    }

    /** User names match case-insensitively (a UPN's case varies between tokens); others exactly. */
    public static String identityName(String kind, String name) {
        return IdentityTenancy.KIND_USER.equals(kind) ? name.toLowerCase(Locale.ROOT) : name;
    }
}
