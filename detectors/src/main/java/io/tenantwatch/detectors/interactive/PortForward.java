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
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code port-forward}: an allowed {@code kubectl port-forward} (pods/portforward, whatever the
 * verb) by a non-platform identity.
 *
 * <p>Why it matters: a port-forward is a tunnel from a laptop straight to a pod's port, past the
 * Service, the ingress, the NetworkPolicies and whatever authentication sits in front of them:
 * the usual way to reach a database or an admin port that is deliberately not exposed. Routine for
 * developers on their own workloads, hence low; its value is the trail (who reached which pod, from
 * where) and, for identities that never do it, the anomaly. The ports are named when the client
 * sends them in the URI (WebSocket clients do; SPDY clients send them in stream headers).
 *
 * <p>Independent of the cross-tenant precedence: a cross-tenant port-forward raises both
 * {@code cross-tenant-exec} and this. Does not fire for: platform identities; denied or failed
 * requests; exec, attach and proxy (their own detectors); service or node proxies.
 */
public final class PortForward extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "port-forward",
            DetectorGroup.INTERACTIVE,
            Severity.LOW,
            "Command and Control",
            "T1572 Protocol Tunneling",
            "Port-forward to a pod");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, PortForward::new);

    private static final Trigger PODS = Trigger.audit("pods");

    public PortForward() {
        super(SPEC, PODS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"portforward".equals(event.subresource()) || event.isPlatformActor() || !event.isAllowed()) {
            return;
        }
        List<String> ports = event.queryParams("ports");
        String summary = Phrases.requestSummary(event);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(
                        ports.isEmpty()
                                ? summary
                                : summary + (ports.size() == 1 ? " (port " : " (ports ") + String.join(", ", ports)
                                        + ")");
        if (!ports.isEmpty()) {
            alert.detail("ports: " + String.join(", ", ports));
        }
        alerts.accept(alert.build());
    }
}
