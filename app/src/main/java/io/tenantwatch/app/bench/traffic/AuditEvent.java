package io.tenantwatch.app.bench.traffic;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * One audit Event ({@code audit.k8s.io/v1}) as kube-apiserver writes it: the fields and their order
 * follow the API server's output (see the corpus' AKS and Falco samples). A builder filled per
 * request and written with Jackson's generator; unset fields are left out, as the API server does.
 */
final class AuditEvent {

    /** Writes an object body (requestObject, responseObject). */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    String level = "Metadata";
    String auditId;
    String stage = "ResponseComplete";
    String requestUri;
    String verb;
    String username;
    String uid;
    List<String> groups = List.of();
    /** Entra object id of a user (AKS writes it as the extra "oid"). */
    String oid;
    /** For a projected service-account token: the pod it was issued to. */
    String podName;

    String podUid;
    String credentialId;
    String sourceIp;
    String userAgent;
    String resource;
    String namespace;
    String name;
    String apiGroup;
    String apiVersion = "v1";
    String subresource;
    int code = 200;
    Body requestObject;
    Body responseObject;
    String received;
    String completed;
    String decision = "allow";
    String reason = "";

    AuditEvent(String auditId, String requestUri, String verb) {
        this.auditId = auditId;
        this.requestUri = requestUri;
        this.verb = verb;
    }

    AuditEvent user(String name, String id, List<String> memberOf) {
        this.username = name;
        this.uid = id;
        this.groups = memberOf;
        return this;
    }

    AuditEvent object(String res, String ns, String objectName, String group, String version) {
        this.resource = res;
        this.namespace = ns;
        this.name = objectName;
        this.apiGroup = group;
        this.apiVersion = version;
        return this;
    }

    AuditEvent at(String receivedAt, String completedAt) {
        this.received = receivedAt;
        this.completed = completedAt;
        return this;
    }

    /** A 403 from RBAC, with the status the API server returns and no authorization reason. */
    AuditEvent forbidden() {
        this.code = 403;
        this.decision = "forbid";
        this.reason = "";
        return this;
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "Event");
        g.writeStringField("apiVersion", "audit.k8s.io/v1");
        g.writeStringField("level", level);
        g.writeStringField("auditID", auditId);
        g.writeStringField("stage", stage);
        g.writeStringField("requestURI", requestUri);
        g.writeStringField("verb", verb);
        writeUser(g);
        g.writeArrayFieldStart("sourceIPs");
        g.writeString(sourceIp);
        g.writeEndArray();
        if (userAgent != null) {
            g.writeStringField("userAgent", userAgent);
        }
        if (resource != null) {
            writeObjectRef(g);
        }
        if (!"RequestReceived".equals(stage)) {
            writeStatus(g);
        }
        if (requestObject != null) {
            g.writeFieldName("requestObject");
            requestObject.write(g);
        }
        if (responseObject != null) {
            g.writeFieldName("responseObject");
            responseObject.write(g);
        }
        g.writeStringField("requestReceivedTimestamp", received);
        g.writeStringField("stageTimestamp", completed);
        g.writeObjectFieldStart("annotations");
        g.writeStringField("authorization.k8s.io/decision", decision);
        g.writeStringField("authorization.k8s.io/reason", reason);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeUser(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("user");
        g.writeStringField("username", username);
        if (uid != null) {
            g.writeStringField("uid", uid);
        }
        g.writeArrayFieldStart("groups");
        for (String group : groups) {
            g.writeString(group);
        }
        g.writeEndArray();
        if (oid != null || podName != null) {
            g.writeObjectFieldStart("extra");
            if (podName != null) {
                stringList(g, "authentication.kubernetes.io/credential-id", credentialId);
                stringList(g, "authentication.kubernetes.io/pod-name", podName);
                stringList(g, "authentication.kubernetes.io/pod-uid", podUid);
            }
            if (oid != null) {
                stringList(g, "oid", oid);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void stringList(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            return;
        }
        g.writeArrayFieldStart(field);
        g.writeString(value);
        g.writeEndArray();
    }

    private void writeObjectRef(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("objectRef");
        g.writeStringField("resource", resource);
        if (namespace != null) {
            g.writeStringField("namespace", namespace);
        }
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (apiGroup != null) {
            g.writeStringField("apiGroup", apiGroup);
        }
        g.writeStringField("apiVersion", apiVersion);
        if (subresource != null) {
            g.writeStringField("subresource", subresource);
        }
        g.writeEndObject();
    }

    private void writeStatus(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("responseStatus");
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
        if (code == 403) {
            g.writeStringField("status", "Failure");
            g.writeStringField("message", forbiddenMessage());
            g.writeStringField("reason", "Forbidden");
            g.writeObjectFieldStart("details");
            if (name != null) {
                g.writeStringField("name", name);
            }
            if (apiGroup != null) {
                g.writeStringField("group", apiGroup);
            }
            g.writeStringField("kind", resource);
            g.writeEndObject();
        }
        g.writeNumberField("code", code);
        g.writeEndObject();
    }

    /** The API server's wording of an RBAC denial. */
    private String forbiddenMessage() {
        String what = apiGroup == null ? resource : resource + "." + apiGroup;
        StringBuilder m = new StringBuilder(160).append(what);
        if (name != null) {
            m.append(" \"").append(name).append('"');
        }
        m.append(" is forbidden: User \"")
                .append(username)
                .append("\" cannot ")
                .append(verb)
                .append(" resource \"")
                .append(resource)
                .append('"');
        m.append(" in API group \"").append(apiGroup == null ? "" : apiGroup).append('"');
        m.append(namespace == null ? " at the cluster scope" : " in the namespace \"" + namespace + "\"");
        return m.toString();
    }
}
