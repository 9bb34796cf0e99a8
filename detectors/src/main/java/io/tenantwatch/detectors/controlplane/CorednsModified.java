package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code coredns-modified}: the cluster DNS configuration, ConfigMap {@code coredns} or AKS's
 * {@code coredns-custom} in {@code kube-system}, is created, changed or deleted by a non-platform
 * identity, and the API server allows it.
 *
 * <p>Why it matters: every pod of every tenant resolves names through CoreDNS. One {@code rewrite}
 * or {@code hosts} line sends a neighbour's traffic for its database, its identity provider or the
 * container registry to an address the writer controls (a man in the middle for credentials and
 * images); a {@code forward} change sends every query out of the cluster; deleting the ConfigMap
 * breaks name resolution for everyone. CoreDNS reloads the file on its own, so no pod restart
 * shows it. A deletecollection of ConfigMaps in kube-system names no object but takes the DNS
 * configuration with it, so it raises too.
 *
 * <p>The catalogue row names no actor rule; as for every group E detector, platform identities are
 * ignored (AKS's {@code aksService} re-creates {@code coredns-custom} on every reconcile).
 * Administrators are not platform: a break-glass edit of the DNS configuration is worth a note.
 * Does not fire for: reads, writes that were denied or failed (the 409 of {@code aksService}'s
 * create when the ConfigMap already exists), ConfigMaps of those names in any other namespace,
 * other kube-system ConfigMaps ({@code coredns-autoscaler} included).
 */
public final class CorednsModified extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "coredns-modified",
            DetectorGroup.CONTROL_PLANE,
            Severity.MEDIUM,
            "Credential Access",
            "T1557 Adversary-in-the-Middle",
            "Cluster DNS configuration modified");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CorednsModified::new);

    static final String NAMESPACE = "kube-system";
    static final Set<String> NAMES = Set.of("coredns", "coredns-custom");
    private static final Trigger CONFIGMAPS = Trigger.audit("configmaps");

    public CorednsModified() {
        super(SPEC, CONFIGMAPS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!NAMESPACE.equals(event.namespace())
                || !event.inCoreApiGroup()
                || event.subresource() != null
                || !event.isAllowedWriteByNonPlatform()) {
            return;
        }
        String name = event.resourceName();
        boolean wholeNamespace = "deletecollection".equals(event.verb()) && name == null;
        if (!wholeNamespace && (name == null || !NAMES.contains(name))) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.requestSummary(event)
                        + (wholeNamespace
                                ? " (the cluster DNS configuration with them)"
                                : " (cluster DNS configuration)"));
        alert.detail(
                wholeNamespace
                        ? "dns configuration: coredns, coredns-custom (all ConfigMaps of the namespace)"
                        : "dns configuration: " + name);
        Facts.ConfigMap configMap = event.event().facts().configMap();
        if (configMap != null && !configMap.keys().isEmpty()) {
            // key names only (Corefile, *.server, *.override): which part of DNS was touched, never its content
            alert.detail("keys: " + String.join(", ", configMap.keys()));
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }
}
