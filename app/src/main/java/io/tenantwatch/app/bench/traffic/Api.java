package io.tenantwatch.app.bench.traffic;

/** Kubernetes API resources the traffic touches, and the request URIs the API server logs for them. */
final class Api {

    /** A resource: its plural name, API group (null for the core group), version, and whether it is namespaced. */
    record Res(String name, String group, String version, boolean namespaced) {
        String apiVersion() {
            return group == null ? version : group + "/" + version;
        }
    }

    static final Res PODS = new Res("pods", null, "v1", true);
    static final Res CONFIGMAPS = new Res("configmaps", null, "v1", true);
    static final Res SECRETS = new Res("secrets", null, "v1", true);
    static final Res SERVICES = new Res("services", null, "v1", true);
    static final Res ENDPOINTS = new Res("endpoints", null, "v1", true);
    static final Res EVENTS = new Res("events", null, "v1", true);
    static final Res SERVICEACCOUNTS = new Res("serviceaccounts", null, "v1", true);
    static final Res NODES = new Res("nodes", null, "v1", false);
    static final Res NAMESPACES = new Res("namespaces", null, "v1", false);
    static final Res DEPLOYMENTS = new Res("deployments", "apps", "v1", true);
    static final Res REPLICASETS = new Res("replicasets", "apps", "v1", true);
    static final Res LEASES = new Res("leases", "coordination.k8s.io", "v1", true);
    static final Res ENDPOINTSLICES = new Res("endpointslices", "discovery.k8s.io", "v1", true);
    static final Res INGRESSES = new Res("ingresses", "networking.k8s.io", "v1", true);
    static final Res NETWORKPOLICIES = new Res("networkpolicies", "networking.k8s.io", "v1", true);
    static final Res HPAS = new Res("horizontalpodautoscalers", "autoscaling", "v2", true);
    static final Res JOBS = new Res("jobs", "batch", "v1", true);
    static final Res ROLES = new Res("roles", "rbac.authorization.k8s.io", "v1", true);
    static final Res ROLEBINDINGS = new Res("rolebindings", "rbac.authorization.k8s.io", "v1", true);
    static final Res CLUSTERROLEBINDINGS = new Res("clusterrolebindings", "rbac.authorization.k8s.io", "v1", false);
    static final Res SUBJECTACCESSREVIEWS = new Res("subjectaccessreviews", "authorization.k8s.io", "v1", false);
    static final Res CONSTRAINTTEMPLATES = new Res("constrainttemplates", "templates.gatekeeper.sh", "v1", false);

    /** Resources a person or a monitoring agent commonly reads in a namespace. */
    static final Res[] NAMESPACED_READS = {
        PODS,
        PODS,
        PODS,
        DEPLOYMENTS,
        DEPLOYMENTS,
        SERVICES,
        EVENTS,
        CONFIGMAPS,
        REPLICASETS,
        INGRESSES,
        ENDPOINTS,
        HPAS,
        JOBS
    };
    /** Resources controllers and agents watch across the cluster. */
    static final Res[] WATCHED = {
        PODS,
        PODS,
        NODES,
        NAMESPACES,
        SERVICES,
        ENDPOINTSLICES,
        DEPLOYMENTS,
        REPLICASETS,
        CONFIGMAPS,
        JOBS,
        LEASES,
        HPAS,
        NETWORKPOLICIES,
        INGRESSES,
        SERVICEACCOUNTS
    };

    private Api() {}

    /** The path of a resource, collection or object, with an optional subresource. */
    static String path(Res r, String namespace, String name, String subresource) {
        StringBuilder p = new StringBuilder(96);
        p.append(r.group() == null ? "/api/v1" : "/apis/" + r.group() + "/" + r.version());
        if (namespace != null) {
            p.append("/namespaces/").append(namespace);
        }
        p.append('/').append(r.name());
        if (name != null) {
            p.append('/').append(name);
        }
        if (subresource != null) {
            p.append('/').append(subresource);
        }
        return p.toString();
    }

    static String list(Res r, String namespace) {
        return path(r, namespace, null, null) + "?limit=500";
    }

    /** A watch as client-go's reflectors send it. */
    static String watch(Res r, String namespace, long resourceVersion, int timeoutSeconds) {
        return path(r, namespace, null, null) + "?allowWatchBookmarks=true&resourceVersion=" + resourceVersion
                + "&timeout=" + (timeoutSeconds / 60) + "m" + (timeoutSeconds % 60) + "s&timeoutSeconds="
                + timeoutSeconds
                + "&watch=true";
    }
}
