package io.tenantwatch.ingest.tenancy.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the API server's objects into the directory's records. Capsule and HNC objects are read as
 * generic resources, so that tenantwatch has no compile-time dependency on either project and
 * tolerates fields it does not know.
 */
final class KubernetesObjects {

    static final String CAPSULE_GROUP_PREFIX = "capsule.clastix.io/";
    static final String CAPSULE_KIND = "Tenant";
    /**
     * The kinds are described here rather than discovered from the API server, so that a cluster
     * without Capsule or HNC answers a plain 404 (handled as "not installed") instead of failing
     * discovery, and so that no request is made before the informers start.
     */
    static final ResourceDefinitionContext CAPSULE_TENANTS = new ResourceDefinitionContext.Builder()
            .withGroup("capsule.clastix.io")
            .withVersion("v1beta2")
            .withKind(CAPSULE_KIND)
            .withPlural("tenants")
            .withNamespaced(false)
            .build();

    static final ResourceDefinitionContext HNC_HIERARCHIES = new ResourceDefinitionContext.Builder()
            .withGroup("hnc.x-k8s.io")
            .withVersion("v1alpha2")
            .withKind("HierarchyConfiguration")
            .withPlural("hierarchyconfigurations")
            .withNamespaced(true)
            .build();

    private KubernetesObjects() {}

    static NamespaceObject namespace(Namespace ns) {
        ObjectMeta meta = ns.getMetadata();
        String capsuleOwner = null;
        if (meta.getOwnerReferences() != null) {
            for (OwnerReference ref : meta.getOwnerReferences()) {
                if (CAPSULE_KIND.equals(ref.getKind())
                        && ref.getApiVersion() != null
                        && ref.getApiVersion().startsWith(CAPSULE_GROUP_PREFIX)) {
                    capsuleOwner = ref.getName();
                    break;
                }
            }
        }
        return new NamespaceObject(
                meta.getName(), meta.getUid(), meta.getLabels(), capsuleOwner, instant(meta.getCreationTimestamp()));
    }

    static CapsuleTenantObject capsuleTenant(GenericKubernetesResource tenant) {
        Map<String, Object> spec = map(tenant.getAdditionalProperties().get("spec"));
        Map<String, Object> status = map(tenant.getAdditionalProperties().get("status"));
        Set<CapsuleTenantObject.Owner> owners = new LinkedHashSet<>();
        addOwners(spec.get("owners"), owners);
        addOwners(status.get("owners"), owners);
        Set<String> namespaces = new LinkedHashSet<>();
        addNames(status.get("namespaces"), namespaces);
        addNames(status.get("spaces"), namespaces);
        return new CapsuleTenantObject(tenant.getMetadata().getName(), List.copyOf(owners), List.copyOf(namespaces));
    }

    /** The parent a HierarchyConfiguration names, or null for a root. */
    static String hncParent(GenericKubernetesResource hierarchy) {
        Object parent = map(hierarchy.getAdditionalProperties().get("spec")).get("parent");
        return parent instanceof String s && !s.isBlank() ? s : null;
    }

    private static void addOwners(Object list, Set<CapsuleTenantObject.Owner> into) {
        if (!(list instanceof List<?> owners)) {
            return;
        }
        for (Object o : owners) {
            Map<String, Object> owner = map(o);
            if (owner.get("kind") instanceof String kind && owner.get("name") instanceof String name) {
                into.add(new CapsuleTenantObject.Owner(kind, name));
            }
        }
    }

    /** Lists of names, or of objects with a {@code name} (Capsule's status changed shape over versions). */
    private static void addNames(Object list, Set<String> into) {
        if (!(list instanceof List<?> items)) {
            return;
        }
        for (Object item : items) {
            if (item instanceof String s) {
                into.add(s);
            } else if (map(item).get("name") instanceof String name) {
                into.add(name);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static List<CapsuleTenantObject> capsuleTenants(List<GenericKubernetesResource> items) {
        List<CapsuleTenantObject> out = new ArrayList<>(items.size());
        items.forEach(t -> out.add(capsuleTenant(t)));
        return out;
    }
}
