package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code workload-in-system-namespace}: a non-platform identity creates a pod, a workload (any pod
 * spec source) or a service account in {@code kube-system}, {@code kube-public} or a configured
 * platform namespace (Falco's "Service Account Created in Kube Namespace" and "Pod Created in Kube
 * Namespace").
 *
 * <p>Why it matters: the platform namespaces are where the cluster's most powerful identities
 * live. A pod created there can run as any of their service accounts (a controller's token is
 * often cluster-admin in all but name) and mount their secrets; a new service account there, or a
 * workload named like an add-on, hides among the system components that nobody reviews. People and
 * tenant pipelines have no business creating anything there; the platform's own automation does
 * it all the time.
 *
 * <p>Unlike the rest of group B this detector has its own actor rule: it ignores platform
 * identities everywhere (the replicaset controller creating the pods of a Deployment in
 * kube-system is the platform doing its job; the human's Deployment create is the finding, so a
 * Deployment and its pods raise once, not once per pod), and it looks at creates only, whatever
 * the body says (a Metadata-level audit event has no pod spec and still counts). The fingerprint
 * names the workload root, or the service account. Does not fire for: updates, patches and
 * deletes; denied or failed creates; subresource creates (pods/exec, pods/eviction,
 * serviceaccounts/token, which other detectors own); tenant and unmapped namespaces.
 */
public final class WorkloadInSystemNamespace extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "workload-in-system-namespace",
            DetectorGroup.WORKLOAD,
            Severity.MEDIUM,
            "Defense Evasion",
            "T1036.005 Match Legitimate Name or Location",
            "Workload or service account created in a system namespace");

    /** Always system namespaces, whatever the tenancy sources say; any platform namespace counts too. */
    public static final List<String> DEFAULT_SYSTEM_NAMESPACES = List.of("kube-system", "kube-public");

    static final ParamSpec NAMESPACES = ParamSpec.stringList(
            "namespaces",
            DEFAULT_SYSTEM_NAMESPACES,
            "System namespaces besides the platform namespaces of the tenancy.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(NAMESPACES), p -> new WorkloadInSystemNamespace(p.stringList(NAMESPACES)));

    private static final String SERVICE_ACCOUNTS = "serviceaccounts";
    private static final Trigger TRIGGER = new Trigger(Set.of(NormalizedEvent.SOURCE_AUDIT), resources());

    private final Set<String> systemNamespaces;

    /** The catalogue default: kube-system, kube-public and every platform namespace of the tenancy sources. */
    public WorkloadInSystemNamespace() {
        this(DEFAULT_SYSTEM_NAMESPACES);
    }

    /**
     * @param systemNamespaces namespaces that always count, in addition to every namespace the
     *                         tenancy sources attribute to the platform
     */
    public WorkloadInSystemNamespace(Collection<String> systemNamespaces) {
        super(SPEC, TRIGGER);
        this.systemNamespaces = Set.copyOf(systemNamespaces);
    }

    private static Set<String> resources() {
        Set<String> resources = new HashSet<>(PodSpecWrites.RESOURCES);
        resources.add(SERVICE_ACCOUNTS);
        return resources;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String namespace = event.namespace();
        if (!"create".equals(event.verb())
                || event.subresource() != null
                || namespace == null
                || event.isPlatformActor()
                || !event.isAllowed()
                || !(event.inPlatformNamespace() || systemNamespaces.contains(namespace))) {
            return;
        }
        String root = WorkloadRoot.of(event.event());
        AlertBuilder alert = WorkloadFindings.alert(SPEC, event, root, null);
        Facts.PodSpec podSpec = event.event().facts().podSpec();
        if (podSpec != null && podSpec.serviceAccountName() != null) {
            alert.detail("runs as service account: " + podSpec.serviceAccountName());
        }
        if (!SERVICE_ACCOUNTS.equals(event.resource())) {
            WorkloadFindings.addWorkload(alert, root, podSpec);
        }
        alerts.accept(alert.build());
    }
}
