package io.tenantwatch.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The objects a multi-tenant cluster holds (namespaces, Capsule tenants, HNC hierarchies), written
 * through a real client into the fabric8 API server in CRUD mode, and a kubeconfig file that points
 * at that server: the tenancy directory and the commands that read a cluster are tested against a
 * real API server, not a stubbed client.
 */
public final class MockCluster {

    public static final CustomResourceDefinitionContext CAPSULE_TENANTS = new CustomResourceDefinitionContext.Builder()
            .withGroup("capsule.clastix.io")
            .withVersion("v1beta2")
            .withKind("Tenant")
            .withPlural("tenants")
            .withScope("Cluster")
            .build();
    public static final CustomResourceDefinitionContext HNC_HIERARCHIES = new CustomResourceDefinitionContext.Builder()
            .withGroup("hnc.x-k8s.io")
            .withVersion("v1alpha2")
            .withKind("HierarchyConfiguration")
            .withPlural("hierarchyconfigurations")
            .withScope("Namespaced")
            .build();

    private MockCluster() {}

    /** A CRUD-mode API server that knows the Capsule and HNC kinds, not yet started. */
    public static KubernetesMockServer crudServer() {
        KubernetesMockServer server = new KubernetesMockServer(
                new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(),
                new java.util.HashMap<>(),
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(
                        new java.util.HashMap<>(), List.of(CAPSULE_TENANTS, HNC_HIERARCHIES)),
                false);
        return server;
    }

    public static Path kubeconfig(KubernetesMockServer server, Path dir, String context) throws IOException {
        String url = server.url("/").replaceAll("/$", "");
        Path file = dir.resolve("kubeconfig-" + context + ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                users:
                - name: reader
                  user:
                    token: directory-reader-token
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: reader
                current-context: %1$s
                """.formatted(context, url));
        return file;
    }

    public static Namespace namespace(KubernetesClient client, String name, Map<String, String> labels) {
        return client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(labels)
                        .endMetadata()
                        .build())
                .create();
    }

    public static Namespace capsuleNamespace(KubernetesClient client, String name, String tenant) {
        return client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addNewOwnerReference()
                        .withApiVersion("capsule.clastix.io/v1beta2")
                        .withKind("Tenant")
                        .withName(tenant)
                        .withUid("tenant-uid-" + tenant)
                        .withController(true)
                        .endOwnerReference()
                        .addToLabels("kubernetes.io/metadata.name", name)
                        .endMetadata()
                        .build())
                .create();
    }

    public static GenericKubernetesResource capsuleTenant(
            KubernetesClient client,
            String name,
            List<Map<String, Object>> specOwners,
            List<Map<String, Object>> statusOwners,
            List<String> namespaces) {
        GenericKubernetesResource tenant = new GenericKubernetesResourceBuilder()
                .withApiVersion("capsule.clastix.io/v1beta2")
                .withKind("Tenant")
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("owners", specOwners))
                .addToAdditionalProperties(
                        "status",
                        Map.of(
                                "owners",
                                statusOwners,
                                "namespaces",
                                namespaces,
                                "size",
                                namespaces.size(),
                                "state",
                                "Active"))
                .build();
        return client.genericKubernetesResources(CAPSULE_TENANTS)
                .resource(tenant)
                .create();
    }

    public static GenericKubernetesResource hncParent(KubernetesClient client, String namespace, String parent) {
        GenericKubernetesResource hierarchy = new GenericKubernetesResourceBuilder()
                .withApiVersion("hnc.x-k8s.io/v1alpha2")
                .withKind("HierarchyConfiguration")
                .withNewMetadata()
                .withName("hierarchy")
                .withNamespace(namespace)
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("parent", parent))
                .build();
        return client.genericKubernetesResources(HNC_HIERARCHIES)
                .inNamespace(namespace)
                .resource(hierarchy)
                .create();
    }

    public static Map<String, Object> owner(String kind, String name) {
        return Map.of("kind", kind, "name", name);
    }
}
