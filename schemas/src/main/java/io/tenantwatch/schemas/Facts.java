package io.tenantwatch.schemas;

import java.util.List;
import java.util.Map;

/**
 * Facts extracted from an object body at the edge (docs/formats.md, "facts"), so detectors never read
 * raw bodies. At most one of the kind-specific parts is set; values of Secrets and ConfigMaps are
 * never copied.
 */
public record Facts(
        PodSpec podSpec,
        Rbac rbac,
        Service service,
        ConfigMap configMap,
        Secret secret,
        Namespace namespace,
        NetworkPolicy networkPolicy,
        List<OwnerRef> ownerReferences) {

    public static final Facts NONE = new Facts(null, null, null, null, null, null, null, List.of());

    public Facts {
        ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
    }

    /** metadata.ownerReferences entry. */
    public record OwnerRef(String kind, String name, String apiVersion, boolean controller) {}

    /**
     * A pod spec, from a pod or any pod template. Lists cover containers, initContainers and
     * ephemeralContainers alike.
     */
    public record PodSpec(
            List<String> images,
            List<String> privilegedContainers,
            List<String> hostPaths,
            boolean hostNetwork,
            boolean hostPID,
            boolean hostIPC,
            List<String> addedCapabilities,
            String serviceAccountName,
            String podTemplateHash) {

        public PodSpec {
            images = images == null ? List.of() : List.copyOf(images);
            privilegedContainers = privilegedContainers == null ? List.of() : List.copyOf(privilegedContainers);
            hostPaths = hostPaths == null ? List.of() : List.copyOf(hostPaths);
            addedCapabilities = addedCapabilities == null ? List.of() : List.copyOf(addedCapabilities);
        }
    }

    /** Role, ClusterRole, RoleBinding and ClusterRoleBinding bodies. */
    public record Rbac(RoleRef roleRef, List<Subject> subjects, List<Rule> rules) {
        public Rbac {
            subjects = subjects == null ? List.of() : List.copyOf(subjects);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    public record RoleRef(String kind, String name, String apiGroup) {}

    public record Subject(String kind, String name, String namespace) {}

    public record Rule(
            List<String> verbs, List<String> resources, List<String> apiGroups, List<String> nonResourceURLs) {
        public Rule {
            verbs = verbs == null ? List.of() : List.copyOf(verbs);
            resources = resources == null ? List.of() : List.copyOf(resources);
            apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
            nonResourceURLs = nonResourceURLs == null ? List.of() : List.copyOf(nonResourceURLs);
        }
    }

    /** Service type and its {@code service.beta.kubernetes.io/*} annotations. */
    public record Service(String type, Map<String, String> annotations) {
        public Service {
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }
    }

    /** ConfigMap key names, and those whose key or value looks like a credential (never values). */
    public record ConfigMap(List<String> keys, List<String> credentialKeys) {
        public ConfigMap {
            keys = keys == null ? List.of() : List.copyOf(keys);
            credentialKeys = credentialKeys == null ? List.of() : List.copyOf(credentialKeys);
        }
    }

    /** Secret type only. */
    public record Secret(String type) {}

    /**
     * Namespace labels; for a patch, the labels it sets and those it removes; the namespace's uid
     * when the body carries it (the stored object, at RequestResponse level), which tells one
     * incarnation of a name from the next.
     */
    public record Namespace(
            Map<String, String> labels, Map<String, String> labelsSet, List<String> labelsRemoved, String uid) {
        public Namespace {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            labelsSet = labelsSet == null ? Map.of() : Map.copyOf(labelsSet);
            labelsRemoved = labelsRemoved == null ? List.of() : List.copyOf(labelsRemoved);
        }

        public Namespace(Map<String, String> labels, Map<String, String> labelsSet, List<String> labelsRemoved) {
            this(labels, labelsSet, labelsRemoved, null);
        }

        public Namespace withUid(String uid) {
            return new Namespace(labels, labelsSet, labelsRemoved, uid);
        }
    }

    public record NetworkPolicy(boolean selectsAllPods, boolean allowsAllIngress) {}
}
