package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Normalized audit events shaped like the ones the API server writes (request URIs, stages, codes,
 * authorization annotations and user agents as in {@code corpus/falco-k8s-audit} and AKS
 * diagnostic logs), attributed through the real {@link io.tenantwatch.detectors.attribution.Attributor}.
 *
 * <pre>
 * AuditEvents.by(ALICE).get("configmaps", "beta-prod", "settings").build();
 * AuditEvents.by(MASTERCLIENT).exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh", "-c", "id").build();
 * </pre>
 *
 * <p>The one audit event builder of these fixtures: {@link ControlPlaneEvents} and {@link RbacEvents}
 * are factories of corpus-shaped events on top of it, setting their own defaults (API group table,
 * RBAC reason, id, source address, user agent, attribution) through the builder.
 */
public final class AuditEvents {

    public static final Instant T0 = Instant.parse("2024-05-14T09:12:33.482913Z");
    public static final String KUBECTL = "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819";
    private static final String CONTROLLER_MANAGER =
            "kube-controller-manager/v1.29.2 (linux/amd64) kubernetes/4b8e819/";
    static final String USER_IP = "20.103.45.17";
    static final String POD_IP = "10.244.1.23";
    private static final String CONTROL_PLANE_IP = "172.31.16.64";
    public static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    /** What {@code replay} uses without {@code --cluster}. */
    public static final String REPLAY_CLUSTER = "default";
    /** {@code replay} without {@code --tenancy}: no tenants, default platform namespaces and identities. */
    public static final Attributor NO_TENANCY =
            new Attributor(new StaticTenancy(TenancyConfig.EMPTY), ClusterTenancy.NONE);

    private AuditEvents() {}

    public static Builder by(Actor actor) {
        return new Builder(actor);
    }

    /** The API group of the resources these tests use ("" is the core group). */
    static String apiGroupOf(String resource) {
        return switch (resource) {
            case "deployments", "replicasets", "statefulsets", "daemonsets", "controllerrevisions" -> "apps";
            case "jobs", "cronjobs" -> "batch";
            case "roles", "rolebindings", "clusterroles", "clusterrolebindings" -> RBAC_GROUP;
            case "networkpolicies" -> "networking.k8s.io";
            default -> "";
        };
    }

    /** A name-based UUID of the parts joined by "|" (null parts as "null"): a stable id for an event. */
    static String uuidOf(Object... parts) {
        return UUID.nameUUIDFromBytes(Arrays.stream(parts)
                        .map(String::valueOf)
                        .collect(Collectors.joining("|"))
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The fields are package-private so that the fixture families' default functions
     * ({@link #apiGroups}, {@link #defaultReason}, {@link #ids}) can read the request.
     */
    public static final class Builder {
        final Actor actor;
        String verb = "get";
        private UnaryOperator<String> apiGroups = AuditEvents::apiGroupOf;
        private String apiGroup;
        private boolean apiGroupSet;
        String resource;
        String subresource;
        String namespace;
        String name;
        String query;
        String requestURI;
        int code = 200;
        String decision = "allow";
        private String reason;
        private Function<Builder, String> defaultReason = Builder::editRoleBindingReason;
        final Map<String, String> annotations = new LinkedHashMap<>();
        private String auditId;
        private Function<Builder, String> ids =
                b -> uuidOf(b.actor.username(), b.verb, b.resource, b.subresource, b.namespace, b.name, b.code, b.time);
        Instant time = T0;
        private String sourceIp;
        private String userAgent;
        private boolean userAgentSet;
        private Facts facts;
        private Facts.PodSpec podSpec;
        private Facts.Rbac rbac;
        private Facts.Service service;
        private Facts.ConfigMap configMap;
        private Facts.Secret secret;
        private Facts.NetworkPolicy networkPolicy;
        private final List<Facts.OwnerRef> owners = new ArrayList<>();
        private Attributor attributor = TenancyFixtures.ATTRIBUTOR;
        private String cluster = TenancyFixtures.CLUSTER;
        private String clusterResourceId = TenancyFixtures.CLUSTER_RESOURCE_ID;

        private Builder(Actor actor) {
            this.actor = actor;
        }

        // --- requests ---------------------------------------------------------------------

        public Builder request(String verb, String resource, String namespace, String name) {
            this.verb = verb;
            this.resource = resource;
            this.namespace = namespace;
            this.name = name;
            if ("list".equals(verb)) {
                query = "limit=500";
            } else if ("watch".equals(verb)) {
                query = "allowWatchBookmarks=true&resourceVersion=4839201&watch=true";
            }
            if ("create".equals(verb) && code == 200) {
                code = 201;
            }
            return this;
        }

        public Builder get(String resource, String namespace, String name) {
            return request("get", resource, namespace, name);
        }

        public Builder list(String resource, String namespace) {
            return request("list", resource, namespace, null);
        }

        public Builder watch(String resource, String namespace) {
            return request("watch", resource, namespace, null);
        }

        public Builder create(String resource, String namespace, String name) {
            return request("create", resource, namespace, name);
        }

        public Builder patch(String resource, String namespace, String name) {
            return request("patch", resource, namespace, name);
        }

        public Builder update(String resource, String namespace, String name) {
            return request("update", resource, namespace, name);
        }

        public Builder delete(String resource, String namespace, String name) {
            return request("delete", resource, namespace, name);
        }

        /** {@code kubectl delete RESOURCE --all}: DELETE on the collection, no name. */
        public Builder deleteCollection(String resource, String namespace) {
            return request("deletecollection", resource, namespace, null);
        }

        /** A request to a non-resource URL ({@code /healthz}, {@code /metrics}): no objectRef. */
        public Builder nonResource(String verb, String uri) {
            request(verb, null, null, null);
            return requestURI(uri);
        }

        /** {@code kubectl exec POD -- ARGS}: create pods/exec, ResponseStarted, 101 Switching Protocols. */
        public Builder exec(String namespace, String pod, String... command) {
            request("create", "pods", namespace, pod);
            subresource = "exec";
            code = 101;
            StringBuilder q = new StringBuilder();
            for (String argument : command) {
                q.append("command=")
                        .append(URLEncoder.encode(argument, StandardCharsets.UTF_8))
                        .append('&');
            }
            query = q.append("container=web&stdin=true&stdout=true&tty=true").toString();
            return this;
        }

        /** {@code kubectl attach POD -it}. */
        public Builder attach(String namespace, String pod) {
            request("create", "pods", namespace, pod);
            subresource = "attach";
            code = 101;
            query = "container=web&stderr=true&stdin=true&stdout=true&tty=true";
            return this;
        }

        /** {@code kubectl port-forward POD 5432}. */
        public Builder portForward(String namespace, String pod) {
            request("create", "pods", namespace, pod);
            subresource = "portforward";
            code = 101;
            query = null;
            return this;
        }

        /** {@code kubectl proxy} path to a pod or service: get RESOURCE/proxy. */
        public Builder proxy(String resource, String namespace, String name) {
            request("get", resource, namespace, name);
            subresource = "proxy";
            return this;
        }

        // --- request details ---------------------------------------------------------------

        public Builder verb(String value) {
            verb = value;
            return this;
        }

        /** The table of API groups by resource; {@link AuditEvents#apiGroupOf} ("" is core) unless set. */
        public Builder apiGroups(UnaryOperator<String> table) {
            apiGroups = table;
            return this;
        }

        /** Overrides the API group the table gives ("" and null are both the core group). */
        public Builder apiGroup(String value) {
            apiGroup = value;
            apiGroupSet = true;
            return this;
        }

        public Builder subresource(String value) {
            subresource = value;
            return this;
        }

        public Builder query(String value) {
            query = value;
            return this;
        }

        /** The request URI exactly as sent, instead of the one built from the parts. */
        public Builder requestURI(String value) {
            requestURI = value;
            return this;
        }

        /** The response code of an allowed request (e.g. 404, 409). */
        public Builder code(int value) {
            code = value;
            return this;
        }

        /** RBAC refused it: decision forbid, 403 Forbidden, no reason (what the API server writes). */
        public Builder forbidden() {
            decision = "forbid";
            code = 403;
            reason = "";
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        /** The authorization reason of a request that sets none, computed from the request when built. */
        public Builder defaultReason(Function<Builder, String> value) {
            defaultReason = value;
            return this;
        }

        /** An audit annotation besides the authorization ones (e.g. pod-security.kubernetes.io/*). */
        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        public Builder auditId(String value) {
            auditId = value;
            return this;
        }

        /** How the id of an event without {@link #auditId} is derived from the request. */
        public Builder ids(Function<Builder, String> value) {
            ids = value;
            return this;
        }

        public Builder at(Instant value) {
            time = value;
            return this;
        }

        public Builder at(String rfc3339) {
            return at(Instant.parse(rfc3339));
        }

        public Builder sourceIp(String value) {
            sourceIp = value;
            return this;
        }

        /** The user agent; null for an event without one. */
        public Builder userAgent(String value) {
            userAgent = value;
            userAgentSet = true;
            return this;
        }

        /** Attribute as {@code replay FILE} does without a tenancy file: cluster default, no tenants. */
        public Builder replay() {
            attributor = NO_TENANCY;
            cluster = REPLAY_CLUSTER;
            clusterResourceId = null;
            return this;
        }

        // --- object facts ------------------------------------------------------------------

        /** The facts exactly, instead of those of the parts below. */
        public Builder facts(Facts value) {
            facts = value;
            return this;
        }

        public Builder podSpec(Facts.PodSpec value) {
            podSpec = value;
            return this;
        }

        public Builder ownedBy(String kind, String ownerName) {
            String apiVersion =
                    switch (kind) {
                        case "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet" -> "apps/v1";
                        case "Job", "CronJob" -> "batch/v1";
                        default -> "v1";
                    };
            owners.add(new Facts.OwnerRef(kind, ownerName, apiVersion, true));
            return this;
        }

        /** A Role's or ClusterRole's rules as stored. */
        public Builder rules(Facts.Rule... rules) {
            rbac = new Facts.Rbac(null, null, List.of(rules));
            return this;
        }

        /** A binding's roleRef and subjects as stored. */
        public Builder binding(String roleKind, String roleName, Facts.Subject... subjects) {
            rbac = new Facts.Rbac(new Facts.RoleRef(roleKind, roleName, RBAC_GROUP), List.of(subjects), null);
            return this;
        }

        public Builder secretType(String type) {
            secret = new Facts.Secret(type);
            return this;
        }

        /** Service type and its service.beta.kubernetes.io/* annotations. */
        public Builder service(String type, Map<String, String> lbAnnotations) {
            service = new Facts.Service(type, lbAnnotations);
            return this;
        }

        /** ConfigMap key names, and those ingest found credential-looking (names only, never values). */
        public Builder configMap(List<String> keys, List<String> credentialKeys) {
            configMap = new Facts.ConfigMap(keys, credentialKeys);
            return this;
        }

        public Builder networkPolicy(boolean selectsAllPods, boolean allowsAllIngress) {
            networkPolicy = new Facts.NetworkPolicy(selectsAllPods, allowsAllIngress);
            return this;
        }

        // --- results -----------------------------------------------------------------------

        /** The event as ingest emits it, before attribution. */
        public NormalizedEvent normalized() {
            String group = group();
            String id = auditId != null ? auditId : ids.apply(this);
            boolean execLike = subresource != null
                    && List.of("exec", "attach", "portforward").contains(subresource);
            Map<String, String> all = new LinkedHashMap<>();
            if (decision != null) {
                all.put("authorization.k8s.io/decision", decision);
                all.put("authorization.k8s.io/reason", reason != null ? reason : defaultReason.apply(this));
            }
            all.putAll(annotations);
            ResourceRef ref = resource == null ? null : new ResourceRef(group, resource, subresource, namespace, name);
            return new NormalizedEvent(
                    id,
                    NormalizedEvent.SOURCE_AUDIT,
                    cluster,
                    clusterResourceId,
                    time,
                    id,
                    execLike ? "ResponseStarted" : "ResponseComplete",
                    actor,
                    verb,
                    ref,
                    requestURI != null ? requestURI : builtURI(group),
                    decision,
                    code,
                    List.of(sourceIp != null ? sourceIp : defaultSourceIp()),
                    userAgentSet ? userAgent : defaultUserAgent(),
                    all,
                    facts(),
                    null,
                    null,
                    null,
                    null);
        }

        /** The event after the Attributor (the real tenancy unless {@link #replay}), as detectors see it. */
        public NormalizedEvent build() {
            return attributor.attribute(normalized());
        }

        public EventContext context() {
            return new EventContext(build());
        }

        /** The API group of the request: the override, else the table's (none without a resource). */
        String group() {
            return apiGroupSet ? apiGroup : resource == null ? null : apiGroups.apply(resource);
        }

        private Facts facts() {
            if (facts != null) {
                return facts;
            }
            boolean none = podSpec == null
                    && rbac == null
                    && service == null
                    && configMap == null
                    && secret == null
                    && networkPolicy == null
                    && owners.isEmpty();
            return none
                    ? Facts.NONE
                    : new Facts(podSpec, rbac, service, configMap, secret, null, networkPolicy, owners);
        }

        private String builtURI(String group) {
            StringBuilder uri =
                    new StringBuilder(group == null || group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1");
            if (namespace != null) {
                uri.append("/namespaces/").append(namespace);
            }
            uri.append('/').append(resource);
            // A create posts to the collection; a subresource always names its object.
            if (name != null && (!"create".equals(verb) || subresource != null)) {
                uri.append('/').append(name);
            }
            if (subresource != null) {
                uri.append('/').append(subresource);
            }
            if (query != null) {
                uri.append('?').append(query);
            }
            return uri.toString();
        }

        /** The ServiceAccount or User an RBAC reason names. */
        String subjectKind() {
            return actor.type() == ActorType.SERVICEACCOUNT ? "ServiceAccount" : "User";
        }

        String editRoleBindingReason() {
            return "RBAC: allowed by RoleBinding \"" + resource + "-access/" + namespace
                    + "\" of ClusterRole \"edit\" to " + subjectKind() + " \"" + actor.username() + "\"";
        }

        private String defaultSourceIp() {
            if (actor.type() == ActorType.USER) {
                return USER_IP;
            }
            return "kube-system".equals(actor.serviceAccountNamespace()) ? CONTROL_PLANE_IP : POD_IP;
        }

        private String defaultUserAgent() {
            if (actor.type() == ActorType.SERVICEACCOUNT) {
                return "kube-system".equals(actor.serviceAccountNamespace())
                        ? CONTROLLER_MANAGER + actor.username()
                        : "Go-http-client/2.0";
            }
            if (actor.type() == ActorType.NODE) {
                return "kubelet/v1.29.2 (linux/amd64) kubernetes/4b8e819";
            }
            return KUBECTL;
        }
    }
}
