package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Normalized audit events shaped like the ones the API server writes (request URIs, stages, codes,
 * authorization annotations and user agents as in {@code corpus/falco-k8s-audit} and AKS
 * diagnostic logs), attributed through the real {@link io.tenantwatch.detectors.attribution.Attributor}.
 *
 * <pre>
 * AuditEvents.by(ALICE).get("configmaps", "beta-prod", "settings").build();
 * AuditEvents.by(MASTERCLIENT).exec("alpha-prod", "web-7d4b9c8f5-x2x9q", "sh", "-c", "id").build();
 * </pre>
 */
public final class AuditEvents {

    public static final Instant T0 = Instant.parse("2024-05-14T09:12:33.482913Z");
    public static final String KUBECTL = "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819";
    private static final String CONTROLLER_MANAGER = "kube-controller-manager/v1.29.2 (linux/amd64) kubernetes/4b8e819/";
    private static final String USER_IP = "20.103.45.17";
    private static final String POD_IP = "10.244.1.23";
    private static final String CONTROL_PLANE_IP = "172.31.16.64";

    private AuditEvents() {}

    public static Builder by(Actor actor) {
        return new Builder(actor);
    }

    /** The API group of the resources these tests use ("" is the core group). */
    static String apiGroupOf(String resource) {
        return switch (resource) {
            case "deployments", "replicasets", "statefulsets", "daemonsets", "controllerrevisions" -> "apps";
            case "jobs", "cronjobs" -> "batch";
            case "roles", "rolebindings", "clusterroles", "clusterrolebindings" -> "rbac.authorization.k8s.io";
            case "networkpolicies" -> "networking.k8s.io";
            default -> "";
        };
    }

    public static final class Builder {
        private final Actor actor;
        private String verb = "get";
        private String apiGroup;
        private String resource;
        private String subresource;
        private String namespace;
        private String name;
        private String query;
        private int code = 200;
        private String decision = "allow";
        private String reason;
        private String auditId;
        private Instant time = T0;
        private String userAgent;
        private Facts.PodSpec podSpec;
        private final List<Facts.OwnerRef> owners = new ArrayList<>();

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

        /** {@code kubectl exec POD -- ARGS}: create pods/exec, ResponseStarted, 101 Switching Protocols. */
        public Builder exec(String namespace, String pod, String... command) {
            request("create", "pods", namespace, pod);
            subresource = "exec";
            code = 101;
            StringBuilder q = new StringBuilder();
            for (String argument : command) {
                q.append("command=").append(URLEncoder.encode(argument, StandardCharsets.UTF_8)).append('&');
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

        public Builder subresource(String value) {
            subresource = value;
            return this;
        }

        public Builder query(String value) {
            query = value;
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

        public Builder auditId(String value) {
            auditId = value;
            return this;
        }

        public Builder at(Instant value) {
            time = value;
            return this;
        }

        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        // --- object facts ------------------------------------------------------------------

        public Builder podSpec(Facts.PodSpec value) {
            podSpec = value;
            return this;
        }

        public Builder ownedBy(String kind, String ownerName) {
            String apiVersion = switch (kind) {
                case "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet" -> "apps/v1";
                case "Job", "CronJob" -> "batch/v1";
                default -> "v1";
            };
            owners.add(new Facts.OwnerRef(kind, ownerName, apiVersion, true));
            return this;
        }

        // --- results -----------------------------------------------------------------------

        /** The event as ingest emits it, before attribution. */
        public NormalizedEvent normalized() {
            String group = apiGroup != null ? apiGroup : apiGroupOf(resource);
            String id = auditId != null ? auditId : UUID.nameUUIDFromBytes(
                    String.join("|", actor.username(), verb, resource, String.valueOf(subresource),
                            String.valueOf(namespace), String.valueOf(name), String.valueOf(code), time.toString())
                            .getBytes(StandardCharsets.UTF_8)).toString();
            boolean execLike = subresource != null && List.of("exec", "attach", "portforward").contains(subresource);
            Map<String, String> annotations = new LinkedHashMap<>();
            if (decision != null) {
                annotations.put("authorization.k8s.io/decision", decision);
                annotations.put("authorization.k8s.io/reason", reason != null ? reason : defaultReason());
            }
            Facts facts = podSpec == null && owners.isEmpty() ? Facts.NONE
                    : new Facts(podSpec, null, null, null, null, null, null, owners);
            return new NormalizedEvent(id, NormalizedEvent.SOURCE_AUDIT, TenancyFixtures.CLUSTER,
                    TenancyFixtures.CLUSTER_RESOURCE_ID, time, id, execLike ? "ResponseStarted" : "ResponseComplete",
                    actor, verb, new ResourceRef(group, resource, subresource, namespace, name), requestURI(group),
                    decision, code, List.of(sourceIp()), userAgent != null ? userAgent : defaultUserAgent(),
                    annotations, facts, null, null, null, null);
        }

        /** The event after the real Attributor, as detectors see it. */
        public NormalizedEvent build() {
            return TenancyFixtures.ATTRIBUTOR.attribute(normalized());
        }

        public EventContext context() {
            return new EventContext(build());
        }

        private String requestURI(String group) {
            StringBuilder uri = new StringBuilder(group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1");
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

        private String defaultReason() {
            String kind = actor.type() == ActorType.SERVICEACCOUNT ? "ServiceAccount" : "User";
            return "RBAC: allowed by RoleBinding \"" + resource + "-access/" + namespace + "\" of ClusterRole \"edit\" to "
                    + kind + " \"" + actor.username() + "\"";
        }

        private String sourceIp() {
            if (actor.type() == ActorType.USER) {
                return USER_IP;
            }
            return "kube-system".equals(actor.serviceAccountNamespace()) ? CONTROL_PLANE_IP : POD_IP;
        }

        private String defaultUserAgent() {
            if (actor.type() == ActorType.SERVICEACCOUNT) {
                return "kube-system".equals(actor.serviceAccountNamespace())
                        ? CONTROLLER_MANAGER + actor.username() : "Go-http-client/2.0";
            }
            if (actor.type() == ActorType.NODE) {
                return "kubelet/v1.29.2 (linux/amd64) kubernetes/4b8e819";
            }
            return KUBECTL;
        }
    }
}
