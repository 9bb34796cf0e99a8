package io.tenantwatch.detectors.interactive;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.redact.Redaction;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code node-proxy-access}: an allowed request to {@code nodes/NAME/proxy/…} by a non-platform
 * identity, that is, a call to a node's kubelet API through the API server (Stratus Red Team's
 * "Privilege escalation through node/proxy permissions").
 *
 * <p>Why it matters: the kubelet API is the node's administration interface. {@code /runningpods}
 * and {@code /pods} list every pod on the node, every tenant's included; {@code /run},
 * {@code /exec} and {@code /attach} run commands in any of those containers without a pods/exec
 * grant and without the pods/exec audit event that {@code pod-exec} and {@code cross-tenant-exec}
 * watch. A nodes/proxy grant is therefore a cluster-wide exec grant in disguise, and nobody but the
 * platform's own monitoring should hold one. The summary names the kubelet path and method.
 *
 * <p>Does not fire for: platform identities (the API server, nodes, AKS's own identities, service
 * accounts of platform namespaces such as a Prometheus that scrapes cAdvisor through the proxy);
 * denied or failed requests; other node requests ({@code nodes/status}, reads of Node objects).
 */
public final class NodeProxyAccess extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "node-proxy-access",
            DetectorGroup.INTERACTIVE,
            Severity.HIGH,
            "Execution",
            "T1609 Container Administration Command",
            "Kubelet API reached through nodes/proxy");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, NodeProxyAccess::new);

    private static final Trigger NODES = Trigger.audit("nodes");

    public NodeProxyAccess() {
        super(SPEC, NODES);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"proxy".equals(event.subresource()) || event.isPlatformActor() || !event.isAllowed()) {
            return;
        }
        ResourceRef ref = event.event().resource();
        String node = ref.name();
        String kubeletPath = RequestUris.kubeletPath(event.event().requestURI(), node);
        String method = httpMethod(event.verb());
        StringBuilder summary = new StringBuilder(160)
                .append(Phrases.actor(event))
                .append(" reached the kubelet API of node ")
                .append(node == null ? "(unnamed)" : node)
                .append(" through nodes/proxy");
        if (kubeletPath != null) {
            summary.append(": ").append(method).append(' ').append(Phrases.inline(kubeletPath));
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event).summary(summary.toString());
        if (node != null) {
            alert.detail("node: " + node);
        }
        if (kubeletPath != null) {
            alert.detail("kubelet request: " + method + " " + Redaction.requestUri(kubeletPath));
        }
        alerts.accept(alert.build());
    }

    /** The HTTP method the API server forwards for a proxy verb. */
    static String httpMethod(String verb) {
        if (verb == null) {
            return "GET";
        }
        return switch (verb) {
            case "get", "list", "watch" -> "GET";
            case "create" -> "POST";
            case "update" -> "PUT";
            case "patch" -> "PATCH";
            case "delete", "deletecollection" -> "DELETE";
            default -> verb.toUpperCase(Locale.ROOT);
        };
    }
}
