package io.tenantwatch.app.bench.traffic;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Object bodies of audit events (requestObject, responseObject), in the shape the API server
 * stores them. Only what the corpus shows; the values vary per call.
 */
final class Bodies {

    private Bodies() {}

    /** Identity of a stored object; {@code uid} null for a request body (the server assigns it). */
    record Meta(String name, String generateName, String namespace, String uid, String created, long resourceVersion) {}

    static AuditEvent.Body pod(
            Meta meta,
            ClusterModel.App app,
            String ownerKind,
            String ownerName,
            String ownerUid,
            PodTemplate template,
            String nodeName,
            boolean stored) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Pod");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            writeMeta(g, meta, stored);
            g.writeObjectFieldStart("labels");
            g.writeStringField("app", template.app());
            if ("ReplicaSet".equals(ownerKind)) {
                g.writeStringField("pod-template-hash", app.templateHash());
            }
            g.writeEndObject();
            owner(g, ownerKind, ownerName, ownerUid);
            g.writeEndObject();
            g.writeFieldName("spec");
            template.writeSpec(g, nodeName);
            g.writeObjectFieldStart("status");
            g.writeStringField("phase", "Pending");
            g.writeStringField("qosClass", "Burstable");
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    /** A Deployment, or with {@code ownerUid} a ReplicaSet of one. */
    static AuditEvent.Body workload(
            String kind,
            Meta meta,
            ClusterModel.App app,
            String ownerUid,
            PodTemplate template,
            int replicas,
            boolean stored) {
        boolean replicaSet = "ReplicaSet".equals(kind);
        return g -> {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            g.writeStringField("apiVersion", "apps/v1");
            g.writeObjectFieldStart("metadata");
            writeMeta(g, meta, stored);
            g.writeObjectFieldStart("labels");
            g.writeStringField("app", template.app());
            if (replicaSet) {
                g.writeStringField("pod-template-hash", app.templateHash());
            }
            g.writeEndObject();
            if (replicaSet) {
                owner(g, "Deployment", template.app(), ownerUid);
            } else {
                g.writeObjectFieldStart("annotations");
                g.writeStringField("deployment.kubernetes.io/revision", "1");
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeNumberField("replicas", replicas);
            g.writeObjectFieldStart("selector");
            g.writeObjectFieldStart("matchLabels");
            g.writeStringField("app", template.app());
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("template");
            g.writeObjectFieldStart("metadata");
            g.writeNullField("creationTimestamp");
            g.writeObjectFieldStart("labels");
            g.writeStringField("app", template.app());
            g.writeEndObject();
            g.writeEndObject();
            g.writeFieldName("spec");
            template.writeSpec(g, null);
            g.writeEndObject();
            if (!replicaSet) {
                g.writeObjectFieldStart("strategy");
                g.writeStringField("type", "RollingUpdate");
                g.writeObjectFieldStart("rollingUpdate");
                g.writeStringField("maxUnavailable", "25%");
                g.writeStringField("maxSurge", "25%");
                g.writeEndObject();
                g.writeEndObject();
                g.writeNumberField("revisionHistoryLimit", 10);
                g.writeNumberField("progressDeadlineSeconds", 600);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    static AuditEvent.Body configMap(Meta meta, Map<String, String> data) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("kind", "ConfigMap");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            writeMeta(g, meta, meta.uid() != null);
            g.writeEndObject();
            g.writeObjectFieldStart("data");
            for (Map.Entry<String, String> e : data.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    /** A Service; {@code type} ClusterIP for apps, LoadBalancer (public) in the attack traces. */
    static AuditEvent.Body service(Meta meta, String app, String type) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Service");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            writeMeta(g, meta, meta.uid() != null);
            g.writeObjectFieldStart("labels");
            g.writeStringField("app", app);
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeArrayFieldStart("ports");
            g.writeStartObject();
            g.writeStringField("name", "http");
            g.writeStringField("protocol", "TCP");
            g.writeNumberField("port", 80);
            g.writeNumberField("targetPort", 8080);
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("selector");
            g.writeStringField("app", app);
            g.writeEndObject();
            g.writeStringField("type", type);
            g.writeStringField("sessionAffinity", "None");
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeObjectFieldStart("loadBalancer");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    /** A Role or ClusterRole with one rule. */
    static AuditEvent.Body role(String kind, Meta meta, String[] verbs, String[] resources) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            g.writeStringField("apiVersion", "rbac.authorization.k8s.io/v1");
            g.writeObjectFieldStart("metadata");
            writeMeta(g, meta, meta.uid() != null);
            g.writeEndObject();
            g.writeArrayFieldStart("rules");
            g.writeStartObject();
            strings(g, "verbs", verbs);
            strings(g, "apiGroups", new String[] {""});
            strings(g, "resources", resources);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    /** A RoleBinding or ClusterRoleBinding of one subject ({@code User} or {@code ServiceAccount}). */
    static AuditEvent.Body binding(
            String kind,
            Meta meta,
            String subjectKind,
            String subjectName,
            String subjectNamespace,
            String roleKind,
            String roleName) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            g.writeStringField("apiVersion", "rbac.authorization.k8s.io/v1");
            g.writeObjectFieldStart("metadata");
            writeMeta(g, meta, meta.uid() != null);
            g.writeEndObject();
            g.writeArrayFieldStart("subjects");
            g.writeStartObject();
            g.writeStringField("kind", subjectKind);
            if ("ServiceAccount".equals(subjectKind)) {
                g.writeStringField("name", subjectName);
                g.writeStringField("namespace", subjectNamespace);
            } else {
                g.writeStringField("apiGroup", "rbac.authorization.k8s.io");
                g.writeStringField("name", subjectName);
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("roleRef");
            g.writeStringField("apiGroup", "rbac.authorization.k8s.io");
            g.writeStringField("kind", roleKind);
            g.writeStringField("name", roleName);
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    private static void writeMeta(JsonGenerator g, Meta meta, boolean stored) throws IOException {
        if (meta.name() != null && (stored || meta.generateName() == null)) {
            g.writeStringField("name", meta.name());
        }
        if (meta.generateName() != null) {
            g.writeStringField("generateName", meta.generateName());
        }
        if (meta.namespace() != null) {
            g.writeStringField("namespace", meta.namespace());
        }
        if (stored) {
            g.writeStringField("uid", meta.uid());
            g.writeStringField("resourceVersion", Long.toString(meta.resourceVersion()));
            g.writeStringField("creationTimestamp", meta.created());
        } else {
            g.writeNullField("creationTimestamp");
        }
    }

    private static void owner(JsonGenerator g, String kind, String name, String uid) throws IOException {
        if (kind == null) {
            return;
        }
        g.writeArrayFieldStart("ownerReferences");
        g.writeStartObject();
        g.writeStringField("apiVersion", "apps/v1");
        g.writeStringField("kind", kind);
        g.writeStringField("name", name);
        g.writeStringField("uid", uid);
        g.writeBooleanField("controller", true);
        g.writeBooleanField("blockOwnerDeletion", true);
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String field, String[] values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
