package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.testing.AuditEvents.Builder;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.NormalizedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    public static final Actor MINIKUBE_USER = new Actor(
            "minikube-user",
            null,
            List.of("system:masters", "system:authenticated"),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);
    /** cert-manager's CA injector: patches caBundle into webhook configurations; platform by its namespace. */
    public static final Actor CERT_MANAGER_CAINJECTOR =
            Identities.serviceAccount("cert-manager", "cert-manager-cainjector");
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

    /**
     * An {@link AuditEvents} builder with this family's defaults: the core API group as null, the
     * reasons and ids below, and kubectl as a node's user agent.
     */
    public static Builder by(Actor actor) {
        Builder builder = AuditEvents.by(actor)
                .apiGroups(ControlPlaneEvents::apiGroupOf)
                .defaultReason(ControlPlaneEvents::defaultReason)
                .ids(ControlPlaneEvents::id);
        return actor.type() == ActorType.NODE ? builder.userAgent(AuditEvents.KUBECTL) : builder;
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
            {"efafb264-39ca-444f-b70e-0180f47f5628", "2018-10-26T09:52:32.993095Z"}
        };
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
        return minikubeCreate(
                        "configmaps",
                        "my-config",
                        "87bac0ec-53ca-429b-a646-47a7e72ec075",
                        "2018-10-26T09:55:02.209473Z")
                .configMap(List.of("ui.properties"), List.of())
                .build();
    }

    /** {@code create_nginx_service_nodeport.json}: default/nginx, type NodePort (nodePort 30080). */
    public static NormalizedEvent nodePortServiceCorpus() {
        return minikubeCreate(
                        "services", "nginx", "ceba9ec7-50b5-4bde-8b27-5909df9b35c9", "2018-10-26T09:31:36.134295Z")
                .service("NodePort", Map.of())
                .build();
    }

    /** {@code create_nginx_service_nonodeport.json}: default/nginx, type ClusterIP. */
    public static NormalizedEvent clusterIpServiceCorpus() {
        return minikubeCreate(
                        "services", "nginx", "abcc3bac-bb66-475f-9be9-61afae0e18e3", "2018-10-26T09:38:36.493490Z")
                .service("ClusterIP", Map.of())
                .build();
    }

    /** The corpus creates: POST to the collection, 201, decision allow with an empty reason, no user agent. */
    private static Builder minikubeCreate(String resource, String name, String auditId, String stageTimestamp) {
        return by(MINIKUBE_USER)
                .create(resource, "default", name)
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
        return by(Identities.AKS_SERVICE)
                .create("configmaps", "kube-system", "coredns-custom")
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
        return by(actor)
                .list("secrets", null)
                .query("labelSelector=owner%3Dhelm&limit=500")
                .userAgent("helm/v3.14.4 (linux/amd64) kubernetes/4b8e819");
    }

    /** The API group of the resources these fixtures use; null is the core group, as ingest writes it. */
    static String apiGroupOf(String resource) {
        return switch (resource) {
            case "mutatingwebhookconfigurations",
                    "validatingwebhookconfigurations",
                    "validatingadmissionpolicies",
                    "validatingadmissionpolicybindings",
                    "mutatingadmissionpolicies",
                    "mutatingadmissionpolicybindings" -> "admissionregistration.k8s.io";
            case "networkpolicies" -> "networking.k8s.io";
            case "deployments", "replicasets", "statefulsets", "daemonsets" -> "apps";
            case "jobs", "cronjobs" -> "batch";
            default -> null;
        };
    }

    /** What this family writes for a request that names no reason: cluster-scoped ones through cluster-admin. */
    private static String defaultReason(Builder b) {
        if (b.namespace != null) {
            return b.editRoleBindingReason();
        }
        return "RBAC: allowed by ClusterRoleBinding \"" + b.resource + "-admin\" of ClusterRole \"cluster-admin\" to "
                + b.subjectKind() + " \"" + b.actor.username() + "\"";
    }

    private static String id(Builder b) {
        return AuditEvents.uuidOf(
                b.actor.username(),
                b.verb,
                b.group(),
                b.resource,
                b.subresource,
                b.namespace,
                b.name,
                b.code,
                b.time,
                b.query,
                b.annotations);
    }
}
