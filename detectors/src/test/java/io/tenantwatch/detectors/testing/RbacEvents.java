package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.testing.AuditEvents.Builder;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Facts;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Normalized audit events of group D (RBAC and identity): role and binding writes with the RBAC
 * facts ingest extracts from the stored object, token and CSR requests, self access reviews,
 * impersonated and anonymous requests, non-resource URLs, built by {@link AuditEvents} with this
 * family's defaults (see {@link #by}).
 *
 * <p>The corpus events ({@code corpus/falco-k8s-audit}, {@code corpus/stratus}) are copied here
 * value for value (auditID, user, objectRef, requestURI, response code, annotations, sourceIPs,
 * stageTimestamp and the RBAC facts of their {@code responseObject}) and attributed the way
 * {@code replay FILE} attributes them without a tenancy file, the measure of docs/detectors.md's parity
 * table: cluster {@code default}, no tenants, the default platform namespaces.
 */
public final class RbacEvents {

    public static final String RBAC_GROUP = AuditEvents.RBAC_GROUP;
    private static final String MINIKUBE_HOST_IP = "192.168.99.1";

    // --- identities ---------------------------------------------------------------------------

    /** The corpus's kubectl user: minikube's client certificate, in system:masters (class admin). */
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
    /**
     * anonymous_creates_namespace_foo.json: system:anonymous, with the groups Falco's test gave it
     * (an anonymous request never really carries system:masters; the class is anonymous regardless).
     */
    public static final Actor ANONYMOUS_CLAIMING_MASTERS = new Actor(
            "system:anonymous",
            null,
            List.of("system:masters", "system:authenticated"),
            null,
            null,
            ActorType.ANONYMOUS,
            null,
            null,
            null,
            null);
    /** An unauthenticated request as the API server reports it. */
    public static final Actor ANONYMOUS = new Actor(
            "system:anonymous",
            null,
            List.of("system:unauthenticated"),
            null,
            null,
            ActorType.ANONYMOUS,
            null,
            null,
            null,
            null);
    /** create_service_account_token_secret.json: the controller manager's own user (platform). */
    public static final Actor KUBE_CONTROLLER_MANAGER = new Actor(
            "system:kube-controller-manager",
            null,
            List.of("system:authenticated"),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);
    /** Fills the built-in admin, edit and view ClusterRoles from aggregated ones (platform). */
    public static final Actor CLUSTERROLE_AGGREGATION_CONTROLLER =
            Identities.serviceAccount("kube-system", "clusterrole-aggregation-controller");
    /** A kubelet bootstrapping its client certificate with a bootstrap token (not in the platform list). */
    public static final Actor BOOTSTRAP_TOKEN = new Actor(
            "system:bootstrap:8f2c1a",
            null,
            List.of("system:bootstrappers", "system:bootstrappers:aks", "system:authenticated"),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);

    /**
     * AKS's node bootstrap credential: every new node of a scale-out authenticates with it once, to
     * create the CSR for its own kubelet client certificate.
     */
    public static final Actor AKS_NODE_BOOTSTRAP = new Actor(
            "kubelet-nodepool-bootstrap",
            null,
            List.of("system:bootstrappers", "system:authenticated"),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);

    /** A pod's service account token (bound: user.extra carries the pod's name and the credential id). */
    public static Actor podServiceAccount(String namespace, String serviceAccount, String pod) {
        Actor sa = Identities.serviceAccount(namespace, serviceAccount);
        return new Actor(
                sa.username(),
                sa.uid(),
                sa.groups(),
                null,
                null,
                ActorType.SERVICEACCOUNT,
                namespace,
                pod,
                "JTI=" + UUID.nameUUIDFromBytes(pod.getBytes(StandardCharsets.UTF_8)),
                null);
    }

    // --- RBAC facts ---------------------------------------------------------------------------

    /** The non-resource rule every Role of the Falco corpus carries (the discovery URLs, get). */
    public static final Facts.Rule CORPUS_DISCOVERY_RULE = new Facts.Rule(
            List.of("get"),
            List.of(),
            List.of(),
            List.of(
                    "/api",
                    "/api/*",
                    "/apis",
                    "/apis/*",
                    "/healthz",
                    "/openapi",
                    "/openapi/*",
                    "/swagger-2.0.0.pb-v1",
                    "/swagger.json",
                    "/swaggerapi",
                    "/swaggerapi/*",
                    "/version",
                    "/version/"));

    /**
     * A resource rule: comma-separated API groups ({@code ""} alone is the core group), resources
     * and verbs: {@code rule("", "pods/exec", "get")}, {@code rule("apps,batch", "*", "get,list")}.
     */
    public static Facts.Rule rule(String apiGroups, String resources, String verbs) {
        return new Facts.Rule(split(verbs), split(resources), split(apiGroups), List.of());
    }

    public static Facts.Subject user(String name) {
        return new Facts.Subject("User", name, null);
    }

    public static Facts.Subject group(String name) {
        return new Facts.Subject("Group", name, null);
    }

    public static Facts.Subject serviceAccount(String namespace, String name) {
        return new Facts.Subject("ServiceAccount", name, namespace);
    }

    private static List<String> split(String csv) {
        return Arrays.asList(csv.split(",", -1));
    }

    // --- corpus/falco-k8s-audit ----------------------------------------------------------------

    /** attach_cluster_admin_role.json: ClusterRoleBinding some-reader-binding of cluster-admin to User minikube. */
    public static Builder attachClusterAdminRole() {
        return corpus("c97244c7-4aec-4714-946a-8204d00ecdca", "2018-10-26T14:26:34.242498Z")
                .create("clusterrolebindings", null, "some-reader-binding")
                .binding("ClusterRole", "cluster-admin", user("minikube"));
    }

    /** create_clusterrolebinding.json: the same binding, of system:basic-user. */
    public static Builder createClusterRoleBinding() {
        return corpus("e040d0ab-473c-442c-9707-88553173e962", "2018-10-26T13:25:18.286399Z")
                .create("clusterrolebindings", null, "some-reader-binding")
                .binding("ClusterRole", "system:basic-user", user("minikube"));
    }

    /** create_clusterrole.json: get, list on pods. */
    public static Builder createClusterRole() {
        return corpus("b8dfba33-a6e6-4f3c-b2cb-d47de1c4e74b", "2018-10-26T13:25:18.275010Z")
                .create("clusterroles", null, "some-reader")
                .rules(rule("", "pods", "get,list"), CORPUS_DISCOVERY_RULE);
    }

    /** create_cluster_role_pod_exec.json: get on pods/exec. */
    public static Builder createClusterRolePodExec() {
        return corpus("412a7809-4016-4228-a670-182be4bd18ec", "2018-10-26T14:35:50.627514Z")
                .create("clusterroles", null, "some-reader")
                .rules(rule("", "pods/exec", "get"), CORPUS_DISCOVERY_RULE);
    }

    /** create_cluster_role_wildcard_resources.json: get, list on every core resource. */
    public static Builder createClusterRoleWildcardResources() {
        return corpus("d8964c73-0042-4f35-b253-4711092185a1", "2018-10-26T14:21:53.889736Z")
                .create("clusterroles", null, "some-reader")
                .rules(rule("", "*", "get,list"), CORPUS_DISCOVERY_RULE);
    }

    /** create_cluster_role_wildcard_verbs.json: every verb on pods. */
    public static Builder createClusterRoleWildcardVerbs() {
        return corpus("0dc97dd4-aa34-4071-b8cc-e1a1036c9ae9", "2018-10-26T14:24:52.741516Z")
                .create("clusterroles", null, "some-reader")
                .rules(rule("", "pods", "*"), CORPUS_DISCOVERY_RULE);
    }

    /** create_cluster_role_write_privileges.json: get on pods, delete on the discovery URLs. */
    public static Builder createClusterRoleWritePrivileges() {
        return corpus("25cd4bc5-50c9-4ce5-aa9a-b9ab6065929d", "2018-10-26T14:32:32.182250Z")
                .create("clusterroles", null, "some-reader")
                .rules(
                        rule("", "pods", "get"),
                        new Facts.Rule(
                                List.of("delete"), List.of(), List.of(), CORPUS_DISCOVERY_RULE.nonResourceURLs()));
    }

    /** delete_cluster_role_kube_aggregator.json: delete of the system:kube-aggregator ClusterRole (no facts: a delete). */
    public static Builder deleteClusterRoleKubeAggregator() {
        return corpus("5bc4e194-a14b-4ed6-af2c-0583224eb55f", "2018-10-26T14:02:54.911160Z")
                .delete("clusterroles", null, "system:kube-aggregator");
    }

    /** modify_cluster_role_node_problem_detector.json: patch of system:node-problem-detector, its rules as stored. */
    public static Builder modifyClusterRoleNodeProblemDetector() {
        return corpus("0eaf743e-1668-4de5-940b-0bb5d79aa4c9", "2018-10-26T14:11:51.039120Z")
                .patch("clusterroles", null, "system:node-problem-detector")
                .rules(
                        rule("", "nodes", "get"),
                        rule("", "nodes/status", "patch"),
                        rule("", "events", "create,patch,update,list"));
    }

    /** anonymous_creates_namespace_foo.json: system:anonymous creates namespace foo, 201. */
    public static Builder anonymousCreatesNamespaceFoo() {
        return by(ANONYMOUS_CLAIMING_MASTERS)
                .replay()
                .auditId("841d3e6d-90d2-43df-8da4-684738bee3d5")
                .at("2018-10-25T13:58:49.736141Z")
                .create("namespaces", null, "foo")
                .requestURI("/api/v1/namespaces")
                .sourceIp(MINIKUBE_HOST_IP)
                .userAgent(null)
                .reason("");
    }

    /**
     * create_service_account_token_secret.json: the token controller creates default-token-7v4pb in
     * test2. The corpus event is at Metadata level (no body); the type is the one the controller
     * sets, as a RequestResponse policy would show it.
     */
    public static Builder createServiceAccountTokenSecret() {
        return by(KUBE_CONTROLLER_MANAGER)
                .replay()
                .auditId("40ed7b5a-e92f-49ec-a359-86d36077d9c8")
                .at("2020-04-21T17:32:29.942468Z")
                .create("secrets", "test2", "default-token-7v4pb")
                .secretType("kubernetes.io/service-account-token")
                .sourceIp("127.0.0.1")
                .userAgent("kube-controller-manager/v1.17.3 (linux/amd64) kubernetes/06ad960/tokens-controller")
                .reason("RBAC: allowed by ClusterRoleBinding \"system:kube-controller-manager\" of ClusterRole "
                        + "\"system:kube-controller-manager\" to User \"system:kube-controller-manager\"");
    }

    /**
     * stratus k8s.persistence.create-token: a TokenRequest for kube-system's
     * clusterrole-aggregation-controller, 201, Metadata level. The shortened sample names neither
     * the requester nor the auditID: {@code by} is the attacker's identity.
     */
    public static Builder stratusCreateToken(Actor by) {
        return by(by).create("serviceaccounts", "kube-system", "clusterrole-aggregation-controller")
                .subresource("token")
                .requestURI("/api/v1/namespaces/kube-system/serviceaccounts/clusterrole-aggregation-controller/token");
    }

    /**
     * A new AKS node's kubelet asking for its client certificate on a scale-out, as AKS records it:
     * {@code kubelet-nodepool-bootstrap} from the node's address in the node subnet, a generated
     * CSR name, 201, granted by the {@code system:node-bootstrapper} binding.
     */
    public static Builder aksNodeBootstrapCsr() {
        return by(AKS_NODE_BOOTSTRAP)
                .create("certificatesigningrequests", null, "csr-8jx2q")
                .sourceIp("10.224.0.7")
                .userAgent("kubelet/v1.29.2 (linux/amd64) kubernetes/4b8e819")
                .reason("RBAC: allowed by ClusterRoleBinding \"kubelet-bootstrap\" of ClusterRole "
                        + "\"system:node-bootstrapper\" to Group \"system:bootstrappers\"");
    }

    private static Builder corpus(String auditId, String stageTimestamp) {
        return by(MINIKUBE_USER)
                .replay()
                .auditId(auditId)
                .at(stageTimestamp)
                .sourceIp(MINIKUBE_HOST_IP)
                .userAgent(null)
                .reason("");
    }

    // --- builder ------------------------------------------------------------------------------

    /**
     * An {@link AuditEvents} builder with this family's defaults: the core API group as null, a
     * tenant-operator ClusterRoleBinding as the reason, the ids below, a pod's address for a service
     * account and a user's otherwise, kubectl as the user agent.
     */
    public static Builder by(Actor actor) {
        return AuditEvents.by(actor)
                .apiGroups(RbacEvents::apiGroupOf)
                .defaultReason(RbacEvents::defaultReason)
                .ids(RbacEvents::id)
                .sourceIp(actor.type() == ActorType.SERVICEACCOUNT ? AuditEvents.POD_IP : AuditEvents.USER_IP)
                .userAgent(AuditEvents.KUBECTL);
    }

    private static String defaultReason(Builder b) {
        if (!"allow".equals(b.decision)) {
            return "";
        }
        return "RBAC: allowed by ClusterRoleBinding \"" + b.actor.username().replace(':', '-')
                + "-binding\" of ClusterRole " + "\"tenant-operator\" to " + b.subjectKind() + " \""
                + b.actor.username() + "\"";
    }

    private static String id(Builder b) {
        return AuditEvents.uuidOf(
                b.actor.username(),
                b.actor.impersonatedBy(),
                b.verb,
                b.resource,
                b.subresource,
                b.namespace,
                b.name,
                b.requestURI,
                b.code,
                b.time);
    }

    /** The API group ingest writes for a resource: null for the core group. */
    static String apiGroupOf(String resource) {
        return switch (resource) {
            case "roles", "rolebindings", "clusterroles", "clusterrolebindings" -> RBAC_GROUP;
            case "certificatesigningrequests" -> "certificates.k8s.io";
            case "selfsubjectrulesreviews",
                    "selfsubjectaccessreviews",
                    "subjectaccessreviews",
                    "localsubjectaccessreviews" -> "authorization.k8s.io";
            case "deployments", "replicasets", "statefulsets", "daemonsets" -> "apps";
            default -> null;
        };
    }

    private RbacEvents() {}
}
