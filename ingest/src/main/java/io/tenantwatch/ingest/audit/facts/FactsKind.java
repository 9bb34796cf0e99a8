package io.tenantwatch.ingest.audit.facts;

import io.tenantwatch.schemas.ResourceRef;
import java.util.Map;
import java.util.Set;

/**
 * Which facts a resource's body yields. Keyed by API group and resource, so that a custom resource
 * that happens to be called "services" or "deployments" in another group is not misread.
 */
enum FactsKind {
    POD("spec"),
    WORKLOAD("spec"),
    CRONJOB("spec"),
    POD_TEMPLATE("template"),
    ROLE("rules"),
    ROLE_BINDING("roleRef", "subjects"),
    SERVICE("spec"),
    CONFIG_MAP("data", "binaryData"),
    NAMESPACE,
    NETWORK_POLICY("spec"),
    /** Type and metadata only, read by streaming: no tree of a Secret is ever built. */
    SECRET,
    /** Any other resource: ownerReferences and name only, read by streaming. */
    OTHER,
    /**
     * The PodExecOptions of a pods/exec request (its requestObject at Request level and above): only
     * the command, which the request URI may not carry.
     */
    EXEC_OPTIONS("command");

    /** Top-level fields of the body that this kind's facts read, besides kind and metadata. */
    private final Set<String> bodyFields;

    FactsKind(String... bodyFields) {
        this.bodyFields = Set.of(bodyFields);
    }

    Set<String> bodyFields() {
        return bodyFields;
    }

    private static final String CORE = "";

    private static final Map<String, Map<String, FactsKind>> BY_GROUP = Map.of(
            CORE,
            Map.of(
                    "pods",
                    POD,
                    "replicationcontrollers",
                    WORKLOAD,
                    "podtemplates",
                    POD_TEMPLATE,
                    "services",
                    SERVICE,
                    "configmaps",
                    CONFIG_MAP,
                    "secrets",
                    SECRET,
                    "namespaces",
                    NAMESPACE),
            "apps",
            Map.of("deployments", WORKLOAD, "replicasets", WORKLOAD, "statefulsets", WORKLOAD, "daemonsets", WORKLOAD),
            "extensions",
            Map.of(
                    "deployments",
                    WORKLOAD,
                    "replicasets",
                    WORKLOAD,
                    "daemonsets",
                    WORKLOAD,
                    "networkpolicies",
                    NETWORK_POLICY),
            "batch",
            Map.of("jobs", WORKLOAD, "cronjobs", CRONJOB),
            "rbac.authorization.k8s.io",
            Map.of(
                    "roles",
                    ROLE,
                    "clusterroles",
                    ROLE,
                    "rolebindings",
                    ROLE_BINDING,
                    "clusterrolebindings",
                    ROLE_BINDING),
            "networking.k8s.io",
            Map.of("networkpolicies", NETWORK_POLICY));

    /**
     * The kind of a request's body, or null when no facts come from it: a write's body
     * ({@link #of}), or the options of a pods/exec request, whatever its verb (create, or get for
     * WebSocket clients).
     */
    static FactsKind forRequest(ResourceRef ref, String verb) {
        if (ref.subresource() != null
                && "exec".equals(ref.subresource())
                && "pods".equals(ref.resource())
                && (ref.apiGroup() == null || ref.apiGroup().isEmpty())) {
            return EXEC_OPTIONS;
        }
        if (FactsExtractor.WRITE_VERBS.contains(verb)) {
            return of(ref);
        }
        // A namespace's delete: its stored body names the uid that learned tenancy retires.
        return "delete".equals(verb) && of(ref) == NAMESPACE ? NAMESPACE : null;
    }

    boolean needsTree() {
        return this != SECRET && this != OTHER;
    }

    /**
     * The kind of a write's body, or null when the body is not read: subresource writes (status,
     * scale, binding, eviction…) carry another object, except pods/ephemeralcontainers, which
     * carries the pod with its new debug containers.
     */
    static FactsKind of(ResourceRef ref) {
        if (ref.resource() == null) {
            return null;
        }
        String group = ref.apiGroup() == null ? CORE : ref.apiGroup();
        if (ref.subresource() != null) {
            return group.equals(CORE)
                            && "pods".equals(ref.resource())
                            && "ephemeralcontainers".equals(ref.subresource())
                    ? POD
                    : null;
        }
        Map<String, FactsKind> resources = BY_GROUP.get(group);
        FactsKind kind = resources == null ? null : resources.get(ref.resource());
        return kind == null ? OTHER : kind;
    }
}
