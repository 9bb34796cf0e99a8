package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Normalized audit events on the control plane (admission registration, kube-system ConfigMaps,
 * Events, Services, ConfigMaps, Pod Security annotations, cluster-wide Secret lists), shaped as
 * ingest emits them: the core API group as null, facts of the body instead of the body, the audit
 * annotations as the API server writes them. Attributed through the real Attributor.
 *
 * <p>Where the shared corpus holds the real event, the fixture copies its values (auditID, time,
 * URI, user, source IP, annotations, and the facts ingest extracts from its body); the file is named
 * on the method. The detectors module cannot read the corpus through ingest.
 *
 * <pre>
 * ControlPlaneEvents.by(DAVE).delete("validatingwebhookconfigurations", null, "gatekeeper-validating-webhook-configuration").build();
 * ControlPlaneEvents.by(ALICE).create("configmaps", "alpha-prod", "settings").configMap(List.of("log-level"), List.of()).build();
 * </pre>
 */
public final class ControlPlaneEvents {

    /** minikube's admin user of the falco-k8s-audit corpus: system:masters, so class admin. */
    public static final Actor MINIKUBE_USER = new Actor("minikube-user", null,
            List.of("system:masters", "system:authenticated"), null, null, ActorType.USER, null, null, null, null);
    /** cert-manager's CA injector: patches caBundle into webhook configurations; platform by its namespace. */
    public static final Actor CERT_MANAGER_CAINJECTOR = Identities.serviceAccount("cert-manager", "cert-manager-cainjector");
    /** Empties a namespace (its Events included) when the namespace is deleted. */
    public static final Actor NAMESPACE_CONTROLLER = Identities.serviceAccount("kube-system", "namespace-controller");
    /** The platform's Flux (the tenancy file's platform service accounts). */
    public static final Actor FLUX_KUSTOMIZE = Identities.serviceAccount("flux-system", "kustomize-controller");

    public static final String GATEKEEPER_WEBHOOK = "gatekeeper-validating-webhook-configuration";
    /** What Pod Security admission writes for a pod template that breaks "restricted" while enforce is "privileged". */
    public static final String RESTRICTED_VIOLATIONS = "would violate PodSecurity \"restricted:latest\": "
            + "allowPrivilegeEscalation != false (container \"web\" must set securityContext.allowPrivilegeEscalation=false), "
            + "unrestricted capabilities (container \"web\" must set securityContext.capabilities.drop=[\"ALL\"]), "
            + "runAsNonRoot != true (pod or container \"web\" must set securityContext.runAsNonRoot=true), "
            + "seccompProfile (pod or container \"web\" must set securityContext.seccompProfile.type to "
            + "\"RuntimeDefault\" or \"Localhost\")";

    private static final String MINIKUBE_IP = "192.168.99.1";

    private ControlPlaneEvents() {}

    public static Builder by(Actor actor) {
        return new Builder(actor);
    }

    // --- corpus: falco-k8s-audit ----------------------------------------------------------------

    /**
     * {@code create_configmap_sensitive_values.json}: six creates of default/my-config whose
     * access.properties holds an AWS key id spelled six ways (and aws_secret_access_key in every one),
     * plus a harmless ui.properties. Ingest marks access.properties as credential-looking.
     */
    public static List<NormalizedEvent> sensitiveConfigMapsCorpus() {
        String[][] events = {
                {"9a2bb12c-b9f7-4d34-809c-671e8c7e1e06", "2018-10-26T09:51:20.717013Z"},
                {"7139c58a-6787-4cb2-8fd4-c68c308fc16d", "2018-10-26T09:51:35.562843Z"},
                {"d222e22f-0947-4af0-853e-c66f6bd0de33", "2018-10-26T09:51:53.350181Z"},
                {"7e93bc59-e3da-4d53-95bc-e3faaf54ffdb", "2018-10-26T09:52:07.608730Z"},
                {"6beb5311-472e-48ce-80a6-4c6388fc17da", "2018-10-26T09:52:20.659835Z"},
                {"efafb264-39ca-444f-b70e-0180f47f5628", "2018-10-26T09:52:32.993095Z"}};
        List<NormalizedEvent> out = new ArrayList<>();
        for (String[] e : events) {
            out.add(minikubeCreate("configmaps", "my-config", e[0], e[1])
                    .configMap(List.of("access.properties", "ui.properties"), List.of("access.properties"))
                    .build());
        }
        return out;
    }

    /** {@code create_configmap_no_sensitive_values.json}: default/my-config with ui.properties only. */
    public static NormalizedEvent plainConfigMapCorpus() {
        return minikubeCreate("configmaps", "my-config", "87bac0ec-53ca-429b-a646-47a7e72ec075", "2018-10-26T09:55:02.209473Z")
                .configMap(List.of("ui.properties"), List.of())
                .build();
    }

    /** {@code create_nginx_service_nodeport.json}: default/nginx, type NodePort (nodePort 30080). */
    public static NormalizedEvent nodePortServiceCorpus() {
        return minikubeCreate("services", "nginx", "ceba9ec7-50b5-4bde-8b27-5909df9b35c9", "2018-10-26T09:31:36.134295Z")
                .service("NodePort", Map.of())
                .build();
    }

    /** {@code create_nginx_service_nonodeport.json}: default/nginx, type ClusterIP. */
    public static NormalizedEvent clusterIpServiceCorpus() {
        return minikubeCreate("services", "nginx", "abcc3bac-bb66-475f-9be9-61afae0e18e3", "2018-10-26T09:38:36.493490Z")
                .service("ClusterIP", Map.of())
                .build();
    }

    /** The corpus creates: POST to the collection, 201, decision allow with an empty reason, no user agent. */
    private static Builder minikubeCreate(String resource, String name, String auditId, String stageTimestamp) {
        return by(MINIKUBE_USER).create(resource, "default", name)
                .auditId(auditId)
                .at(Instant.parse(stageTimestamp))
                .reason("")
                .sourceIp(MINIKUBE_IP)
                .userAgent(null);
    }

    // --- corpus: aks-envelope (sysdiglabs_event.json) ---------------------------------------------

    /**
     * AKS's control plane re-creating kube-system/coredns-custom on reconcile: aksService (a member
     * of system:masters, but platform), 409 AlreadyExists, Metadata level (no body, no facts).
     */
    public static NormalizedEvent aksServiceCreatesCorednsCustomCorpus() {
        return by(Identities.AKS_SERVICE).create("configmaps", "kube-system", "coredns-custom")
                .auditId("c8a9b881-23a1-464b-8c82-dae1981b34c1")
                .at(Instant.parse("2020-05-05T16:16:37.705304Z"))
                .code(409)
                .reason("")
                .sourceIp("172.31.9.219")
                .userAgent("kubectl/v1.13.2 (linux/amd64) kubernetes/cff46ab")
                .build();
    }

    // --- corpus: stratus (k8s.credential-access.dump-secrets.json) ---------------------------------

    /**
     * Stratus Red Team's "Dump All Secrets": list /api/v1/secrets?limit=500, ResponseComplete. The
     * sample is shortened and names no user; the caller says whose credential made it.
     */
    public static Builder dumpAllSecrets(Actor actor) {
        return by(actor).list("secrets", null).query("limit=500");
    }

    /** {@code helm list --all-namespaces}: Helm 3's release query, the label selector URL-encoded. */
    public static Builder helmListAllNamespaces(Actor actor) {
        return by(actor).list("secrets", null)
                .query("labelSelector=owner%3Dhelm&limit=500")
                .userAgent("helm/v3.14.4 (linux/amd64) kubernetes/4b8e819");
    }

    /** The API group of the resources these fixtures use; null is the core group, as ingest writes it. */
    static String apiGroupOf(String resource) {
        return switch (resource) {
            case "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "validatingadmissionpolicies",
                    "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings" ->
                    "admissionregistration.k8s.io";
            case "networkpolicies" -> "networking.k8s.io";
            case "deployments", "replicasets", "statefulsets", "daemonsets" -> "apps";
            case "jobs", "cronjobs" -> "batch";
            default -> null;
        };
    }

    public static final class Builder {
        private final Actor actor;
        private String verb = "get";
        private String apiGroup;
        private boolean apiGroupSet;
        private String resource;
        private String subresource;
        private String namespace;
        private String name;
        private String query;
        private String requestURI;
        private int code = 200;
        private String decision = "allow";
        private String reason;
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private String auditId;
        private Instant time = AuditEvents.T0;
        private String sourceIp;
        private String userAgent;
        private boolean userAgentSet;
        private Facts.Service service;
        private Facts.ConfigMap configMap;
        private Facts.NetworkPolicy networkPolicy;

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

        public Builder update(String resource, String namespace, String name) {
            return request("update", resource, namespace, name);
        }

        public Builder patch(String resource, String namespace, String name) {
            return request("patch", resource, namespace, name);
        }

        public Builder delete(String resource, String namespace, String name) {
            return request("delete", resource, namespace, name);
        }

        /** {@code kubectl delete RESOURCE --all}: DELETE on the collection, no name. */
        public Builder deleteCollection(String resource, String namespace) {
            return request("deletecollection", resource, namespace, null);
        }

        // --- request details ---------------------------------------------------------------

        /** Overrides the API group {@link #apiGroupOf} gives (null is the core group). */
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

        public Builder code(int value) {
            code = value;
            return this;
        }

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

        /** An audit annotation besides the authorization ones (e.g. pod-security.kubernetes.io/*). */
        public Builder annotation(String key, String value) {
            annotations.put(key, value);
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

        public Builder sourceIp(String value) {
            sourceIp = value;
            return this;
        }

        public Builder userAgent(String value) {
            userAgent = value;
            userAgentSet = true;
            return this;
        }

        // --- object facts ------------------------------------------------------------------

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
            String group = apiGroupSet ? apiGroup : apiGroupOf(resource);
            String id = auditId != null ? auditId : UUID.nameUUIDFromBytes(
                    String.join("|", actor.username(), verb, String.valueOf(group), resource, String.valueOf(subresource),
                            String.valueOf(namespace), String.valueOf(name), String.valueOf(code), time.toString(),
                            String.valueOf(query), annotations.toString())
                            .getBytes(StandardCharsets.UTF_8)).toString();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("authorization.k8s.io/decision", decision);
            all.put("authorization.k8s.io/reason", reason != null ? reason : defaultReason());
            all.putAll(annotations);
            Facts facts = service == null && configMap == null && networkPolicy == null ? Facts.NONE
                    : new Facts(null, null, service, configMap, null, null, networkPolicy, List.of());
            return new NormalizedEvent(id, NormalizedEvent.SOURCE_AUDIT, TenancyFixtures.CLUSTER,
                    TenancyFixtures.CLUSTER_RESOURCE_ID, time, id, "ResponseComplete", actor, verb,
                    new ResourceRef(group, resource, subresource, namespace, name),
                    requestURI != null ? requestURI : builtURI(group), decision, code,
                    List.of(sourceIp != null ? sourceIp : defaultSourceIp()),
                    userAgentSet ? userAgent : defaultUserAgent(), all, facts, null, null, null, null);
        }

        /** The event after the real Attributor, as detectors see it. */
        public NormalizedEvent build() {
            return TenancyFixtures.ATTRIBUTOR.attribute(normalized());
        }

        public EventContext context() {
            return new EventContext(build());
        }

        private String builtURI(String group) {
            StringBuilder uri = new StringBuilder(group == null ? "/api/v1" : "/apis/" + group + "/v1");
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
            if (namespace == null) {
                return "RBAC: allowed by ClusterRoleBinding \"" + resource + "-admin\" of ClusterRole \"cluster-admin\" to "
                        + kind + " \"" + actor.username() + "\"";
            }
            return "RBAC: allowed by RoleBinding \"" + resource + "-access/" + namespace + "\" of ClusterRole \"edit\" to "
                    + kind + " \"" + actor.username() + "\"";
        }

        private String defaultSourceIp() {
            if (actor.type() == ActorType.USER) {
                return "20.103.45.17";
            }
            return "kube-system".equals(actor.serviceAccountNamespace()) ? "172.31.16.64" : "10.244.1.23";
        }

        private String defaultUserAgent() {
            if (actor.type() == ActorType.SERVICEACCOUNT) {
                return "kube-system".equals(actor.serviceAccountNamespace())
                        ? "kube-controller-manager/v1.29.2 (linux/amd64) kubernetes/4b8e819/" + actor.username()
                        : "Go-http-client/2.0";
            }
            return AuditEvents.KUBECTL;
        }
    }
}
