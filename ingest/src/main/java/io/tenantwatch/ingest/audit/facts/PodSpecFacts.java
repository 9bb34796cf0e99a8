package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.Facts.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Pod spec facts, from a pod or any pod template (docs/detectors.md group B). */
final class PodSpecFacts {

    private static final String[] CONTAINER_LISTS = {"containers", "initContainers", "ephemeralContainers"};
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private PodSpecFacts() {}

    /**
     * @param object   the written object (a Pod, Deployment, CronJob…), whose labels name the
     *                 pod-template hash of a pod or ReplicaSet
     * @param template the pod template inside it (metadata + spec); the object itself for a pod
     * @return null when the body carries no pod spec (e.g. a patch of labels only)
     */
    static PodSpec of(JsonNode object, JsonNode template) {
        JsonNode spec = template.path("spec");
        if (!spec.isObject()) {
            return null;
        }
        Set<String> images = new LinkedHashSet<>();
        List<String> privileged = new ArrayList<>(1);
        Set<String> capabilities = new LinkedHashSet<>();
        for (String list : CONTAINER_LISTS) {
            int i = 0;
            for (JsonNode c : Nodes.elements(spec.path(list))) {
                String image = Nodes.text(c.path("image"));
                if (image != null) {
                    images.add(image);
                }
                JsonNode securityContext = c.path("securityContext");
                if (Nodes.isTrue(securityContext.path("privileged"))) {
                    // A JSON patch may set privileged on containers/0 without naming the container.
                    String name = Nodes.text(c.path("name"));
                    privileged.add(name != null ? name : list + "[" + i + "]");
                }
                capabilities.addAll(
                        Nodes.texts(securityContext.path("capabilities").path("add")));
                i++;
            }
        }
        List<String> hostPaths = new ArrayList<>(0);
        for (JsonNode volume : Nodes.elements(spec.path("volumes"))) {
            String path = Nodes.text(volume.path("hostPath").path("path"));
            if (path != null) {
                hostPaths.add(path);
            }
        }
        String serviceAccount = Nodes.text(spec.path("serviceAccountName"));
        if (serviceAccount == null) {
            serviceAccount = Nodes.text(spec.path("serviceAccount")); // deprecated alias
        }
        String hash = Nodes.text(Nodes.labels(object).path(POD_TEMPLATE_HASH));
        if (hash == null) {
            hash = Nodes.text(Nodes.labels(template).path(POD_TEMPLATE_HASH));
        }
        return new PodSpec(
                List.copyOf(images),
                privileged,
                hostPaths,
                Nodes.isTrue(spec.path("hostNetwork")),
                Nodes.isTrue(spec.path("hostPID")),
                Nodes.isTrue(spec.path("hostIPC")),
                List.copyOf(capabilities),
                serviceAccount,
                hash);
    }
}
