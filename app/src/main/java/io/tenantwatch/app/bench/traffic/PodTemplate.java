package io.tenantwatch.app.bench.traffic;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A pod spec as the API server stores it (defaults filled in: the projected service-account token
 * volume, tolerations, termination settings), shaped on the corpus' pod samples. The knobs are
 * what detectors look at: privileged, host namespaces, hostPath mounts, added capabilities, image.
 *
 * @param app            container name and {@code app} label
 * @param image          the container image
 * @param serviceAccount the pod's service account
 * @param privileged     {@code securityContext.privileged}
 * @param hostNetwork    {@code hostNetwork} (and a hostPort, as host-network add-ons declare)
 * @param hostPath       a hostPath volume mounted into the container, or null
 * @param addCapability  a capability added to the container, or null
 * @param volumeSuffix   the suffix of the {@code kube-api-access-} volume
 */
record PodTemplate(
        String app,
        String image,
        String serviceAccount,
        boolean privileged,
        boolean hostNetwork,
        String hostPath,
        String addCapability,
        String volumeSuffix) {

    static PodTemplate app(String app, String image, String volumeSuffix) {
        return new PodTemplate(app, image, "default", false, false, null, null, volumeSuffix);
    }

    PodTemplate privileged(boolean value) {
        return new PodTemplate(app, image, serviceAccount, value, hostNetwork, hostPath, addCapability, volumeSuffix);
    }

    PodTemplate hostNetwork(boolean value) {
        return new PodTemplate(app, image, serviceAccount, privileged, value, hostPath, addCapability, volumeSuffix);
    }

    PodTemplate hostPath(String path) {
        return new PodTemplate(app, image, serviceAccount, privileged, hostNetwork, path, addCapability, volumeSuffix);
    }

    PodTemplate addCapability(String capability) {
        return new PodTemplate(app, image, serviceAccount, privileged, hostNetwork, hostPath, capability, volumeSuffix);
    }

    PodTemplate serviceAccount(String name) {
        return new PodTemplate(app, image, name, privileged, hostNetwork, hostPath, addCapability, volumeSuffix);
    }

    /** The {@code spec} object of a pod (or of a template's pod). */
    void writeSpec(JsonGenerator g, String nodeName) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("volumes");
        if (hostPath != null) {
            g.writeStartObject();
            g.writeStringField("name", "host");
            g.writeObjectFieldStart("hostPath");
            g.writeStringField("path", hostPath);
            g.writeStringField("type", "");
            g.writeEndObject();
            g.writeEndObject();
        }
        writeTokenVolume(g);
        g.writeEndArray();
        g.writeArrayFieldStart("containers");
        writeContainer(g);
        g.writeEndArray();
        g.writeStringField("restartPolicy", "Always");
        g.writeNumberField("terminationGracePeriodSeconds", 30);
        g.writeStringField("dnsPolicy", hostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst");
        g.writeStringField("serviceAccountName", serviceAccount);
        g.writeStringField("serviceAccount", serviceAccount);
        if (nodeName != null) {
            g.writeStringField("nodeName", nodeName);
        }
        if (hostNetwork) {
            g.writeBooleanField("hostNetwork", true);
        }
        g.writeObjectFieldStart("securityContext");
        g.writeEndObject();
        g.writeStringField("schedulerName", "default-scheduler");
        g.writeArrayFieldStart("tolerations");
        toleration(g, "node.kubernetes.io/not-ready");
        toleration(g, "node.kubernetes.io/unreachable");
        g.writeEndArray();
        g.writeNumberField("priority", 0);
        g.writeBooleanField("enableServiceLinks", true);
        g.writeStringField("preemptionPolicy", "PreemptLowerPriority");
        g.writeEndObject();
    }

    private void writeContainer(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", app);
        g.writeStringField("image", image);
        g.writeArrayFieldStart("ports");
        g.writeStartObject();
        g.writeStringField("name", "http");
        if (hostNetwork) {
            g.writeNumberField("hostPort", 10250 + app.length());
        }
        g.writeNumberField("containerPort", hostNetwork ? 10250 + app.length() : 8080);
        g.writeStringField("protocol", "TCP");
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("env");
        env(g, "ASPNETCORE_URLS", "http://+:8080");
        env(g, "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.monitoring:4317");
        g.writeEndArray();
        g.writeObjectFieldStart("resources");
        g.writeObjectFieldStart("limits");
        g.writeStringField("cpu", "500m");
        g.writeStringField("memory", "512Mi");
        g.writeEndObject();
        g.writeObjectFieldStart("requests");
        g.writeStringField("cpu", "100m");
        g.writeStringField("memory", "128Mi");
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("volumeMounts");
        if (hostPath != null) {
            g.writeStartObject();
            g.writeStringField("name", "host");
            g.writeStringField("mountPath", "/host");
            g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("name", "kube-api-access-" + volumeSuffix);
        g.writeBooleanField("readOnly", true);
        g.writeStringField("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("livenessProbe");
        g.writeObjectFieldStart("httpGet");
        g.writeStringField("path", "/healthz");
        g.writeNumberField("port", 8080);
        g.writeStringField("scheme", "HTTP");
        g.writeEndObject();
        g.writeNumberField("timeoutSeconds", 1);
        g.writeNumberField("periodSeconds", 10);
        g.writeNumberField("successThreshold", 1);
        g.writeNumberField("failureThreshold", 3);
        g.writeEndObject();
        g.writeStringField("terminationMessagePath", "/dev/termination-log");
        g.writeStringField("terminationMessagePolicy", "File");
        g.writeStringField("imagePullPolicy", "IfNotPresent");
        g.writeObjectFieldStart("securityContext");
        if (privileged) {
            g.writeBooleanField("privileged", true);
        } else {
            g.writeObjectFieldStart("capabilities");
            if (addCapability != null) {
                g.writeArrayFieldStart("add");
                g.writeString(addCapability);
                g.writeEndArray();
            }
            g.writeArrayFieldStart("drop");
            g.writeString("ALL");
            g.writeEndArray();
            g.writeEndObject();
            g.writeBooleanField("runAsNonRoot", true);
            g.writeBooleanField("allowPrivilegeEscalation", false);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The projected token volume the API server adds to every pod since Kubernetes 1.22. */
    private void writeTokenVolume(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", "kube-api-access-" + volumeSuffix);
        g.writeObjectFieldStart("projected");
        g.writeArrayFieldStart("sources");
        g.writeStartObject();
        g.writeObjectFieldStart("serviceAccountToken");
        g.writeNumberField("expirationSeconds", 3607);
        g.writeStringField("path", "token");
        g.writeEndObject();
        g.writeEndObject();
        g.writeStartObject();
        g.writeObjectFieldStart("configMap");
        g.writeStringField("name", "kube-root-ca.crt");
        g.writeArrayFieldStart("items");
        g.writeStartObject();
        g.writeStringField("key", "ca.crt");
        g.writeStringField("path", "ca.crt");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeStartObject();
        g.writeObjectFieldStart("downwardAPI");
        g.writeArrayFieldStart("items");
        g.writeStartObject();
        g.writeStringField("path", "namespace");
        g.writeObjectFieldStart("fieldRef");
        g.writeStringField("apiVersion", "v1");
        g.writeStringField("fieldPath", "metadata.namespace");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeNumberField("defaultMode", 420);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void env(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static void toleration(JsonGenerator g, String key) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("operator", "Exists");
        g.writeStringField("effect", "NoExecute");
        g.writeNumberField("tolerationSeconds", 300);
        g.writeEndObject();
    }
}
