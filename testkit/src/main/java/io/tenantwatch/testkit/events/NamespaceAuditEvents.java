package io.tenantwatch.testkit.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Raw audit events (one JSON object each) of a namespace's life as AKS logs them under the shipped
 * audit policy: its create at RequestResponse level (the stored namespace, with its labels and the
 * uid the API server gave it), a role binding made in it at RequestResponse level, and an
 * interactive exec into a pod inside it at Metadata level.
 * What tenancy learned from the audit stream is built from.
 */
public final class NamespaceAuditEvents {

    public static final String KUBECTL = "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819";

    private NamespaceAuditEvents() {}

    /** {@code kubectl create namespace NAME} followed by labels, allowed (201). */
    public static String created(String auditId, Instant at, String name, String uid, Map<String, String> labels) {
        ObjectNode e = event(auditId, at, "RequestResponse", "ResponseComplete", "create");
        e.put("requestURI", "/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict");
        user(e, "svc-platform-gitops@contoso.com", List.of("system:authenticated"));
        e.putObject("objectRef").put("resource", "namespaces").put("name", name).put("apiVersion", "v1");
        status(e, 201);
        ObjectNode sent = e.putObject("requestObject").put("kind", "Namespace").put("apiVersion", "v1");
        ObjectNode sentMeta = sent.putObject("metadata").put("name", name);
        labels.forEach(sentMeta.putObject("labels")::put);
        ObjectNode stored =
                e.putObject("responseObject").put("kind", "Namespace").put("apiVersion", "v1");
        ObjectNode meta = stored.putObject("metadata")
                .put("name", name)
                .put("uid", uid)
                .put("resourceVersion", "4839301")
                .put("creationTimestamp", at.toString());
        ObjectNode storedLabels = meta.putObject("labels").put("kubernetes.io/metadata.name", name);
        labels.forEach(storedLabels::put);
        stored.putObject("spec").putArray("finalizers").add("kubernetes");
        stored.putObject("status").put("phase", "Active");
        return e.toString();
    }

    /**
     * {@code kubectl create rolebinding NAME --clusterrole=ROLE --serviceaccount=SA_NS:SA} in
     * {@code namespace}, allowed (201).
     */
    public static String roleBindingCreated(
            String auditId,
            Instant at,
            String namespace,
            String name,
            String clusterRole,
            String serviceAccountNamespace,
            String serviceAccount) {
        ObjectNode e = event(auditId, at, "RequestResponse", "ResponseComplete", "create");
        e.put(
                "requestURI",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/" + namespace
                        + "/rolebindings?fieldManager=kubectl-create&fieldValidation=Strict");
        user(e, "dev@contoso.com", List.of("system:authenticated"));
        objectRef(e, "rolebindings", namespace, name)
                .put("apiGroup", "rbac.authorization.k8s.io")
                .put("apiVersion", "v1");
        status(e, 201);
        ObjectNode binding = e.putObject("requestObject")
                .put("kind", "RoleBinding")
                .put("apiVersion", "rbac.authorization.k8s.io/v1");
        binding.putObject("metadata").put("name", name).put("namespace", namespace);
        binding.putObject("roleRef")
                .put("apiGroup", "rbac.authorization.k8s.io")
                .put("kind", "ClusterRole")
                .put("name", clusterRole);
        binding.putArray("subjects")
                .addObject()
                .put("kind", "ServiceAccount")
                .put("name", serviceAccount)
                .put("namespace", serviceAccountNamespace);
        e.set("responseObject", binding.deepCopy());
        return e.toString();
    }

    /** {@code kubectl exec -it POD -- sh} by {@code username}, allowed (101). */
    public static String execInto(
            String auditId, Instant at, String namespace, String pod, String username, List<String> groups) {
        ObjectNode e = event(auditId, at, "Metadata", "ResponseStarted", "create");
        e.put(
                "requestURI",
                "/api/v1/namespaces/" + namespace + "/pods/" + pod
                        + "/exec?command=sh&container=app&stdin=true&stdout=true&tty=true");
        user(e, username, groups);
        objectRef(e, "pods", namespace, pod).put("apiVersion", "v1").put("subresource", "exec");
        status(e, 101);
        return e.toString();
    }

    private static ObjectNode event(String auditId, Instant at, String level, String stage, String verb) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", level);
        e.put("auditID", auditId).put("stage", stage).put("verb", verb);
        e.putArray("sourceIPs").add("10.224.0.9");
        e.put("userAgent", KUBECTL);
        e.put("requestReceivedTimestamp", at.toString()).put("stageTimestamp", at.toString());
        e.putObject("annotations").put("authorization.k8s.io/decision", "allow").put("authorization.k8s.io/reason", "");
        return e;
    }

    private static ObjectNode objectRef(ObjectNode e, String resource, String namespace, String name) {
        return e.putObject("objectRef")
                .put("resource", resource)
                .put("namespace", namespace)
                .put("name", name);
    }

    private static void status(ObjectNode e, int code) {
        e.putObject("responseStatus").put("code", code).putObject("metadata");
    }

    private static void user(ObjectNode e, String username, List<String> groups) {
        ObjectNode user = e.putObject("user").put("username", username);
        ArrayNode list = user.putArray("groups");
        groups.forEach(list::add);
    }
}
