package io.tenantwatch.ingest.tenancy.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a cluster's tenancy objects once (for {@code tenantwatch tenancy} and
 * {@code replay --kubeconfig}). Capsule and HNC are optional: a cluster without their CRDs simply
 * has no Capsule Tenants or hierarchies.
 */
public final class ClusterReader {

    private ClusterReader() {}

    public static ClusterObjects read(String cluster, KubernetesClient client) {
        try {
            Map<String, NamespaceObject> namespaces = new LinkedHashMap<>();
            for (Namespace ns : client.namespaces().list().getItems()) {
                NamespaceObject object = KubernetesObjects.namespace(ns);
                namespaces.put(object.name(), object);
            }
            List<GenericKubernetesResource> tenants =
                    optionalList(() -> client.genericKubernetesResources(KubernetesObjects.CAPSULE_TENANTS)
                            .list()
                            .getItems());
            Map<String, String> parents = new HashMap<>();
            for (GenericKubernetesResource h :
                    optionalList(() -> client.genericKubernetesResources(KubernetesObjects.HNC_HIERARCHIES)
                            .inAnyNamespace()
                            .list()
                            .getItems())) {
                String parent = KubernetesObjects.hncParent(h);
                if (parent != null) {
                    parents.put(h.getMetadata().getNamespace(), parent);
                }
            }
            return new ClusterObjects(namespaces, KubernetesObjects.capsuleTenants(tenants), parents);
        } catch (KubernetesClientException e) {
            throw new TenancyDirectoryException(
                    "cluster " + cluster + ": cannot read namespaces from " + client.getMasterUrl() + ": "
                            + ClusterBinding.oneLine(e),
                    e);
        }
    }

    /** Reads and resolves every bound cluster once, in binding order. */
    public static List<ClusterTenancyResolver.Resolution> resolveOnce(
            List<ClusterBinding> bindings, io.tenantwatch.schemas.StaticTenancy file) {
        ClusterTenancyResolver resolver = new ClusterTenancyResolver(file);
        List<ClusterTenancyResolver.Resolution> out = new java.util.ArrayList<>();
        for (ClusterBinding binding : bindings) {
            try (KubernetesClient client = binding.connect()) {
                out.add(resolver.resolve(binding.cluster(), read(binding.cluster(), client)));
            }
        }
        return out;
    }

    private static List<GenericKubernetesResource> optionalList(
            java.util.function.Supplier<List<GenericKubernetesResource>> list) {
        try {
            return list.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }
}
