package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code privileged-container}: a pod, or a pod template (Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job, CronJob, ReplicationController), is created, updated or patched with a container,
 * init container or ephemeral container that has {@code securityContext.privileged: true}.
 *
 * <p>Why it matters: a privileged container has every capability and every host device; escaping
 * to the node is a one-liner (mount the host disk, nsenter into PID 1), and from the node every
 * other tenant's pods and the kubelet's credentials are in reach. In a multi-tenant cluster it is
 * the shortest path across every boundary at once.
 *
 * <p>Raises on any writer, controllers included, since a pod the replicaset controller creates
 * still runs privileged; the fingerprint names the workload root ({@link WorkloadRoot}), so a
 * Deployment, its ReplicaSets and its pods are one finding. Does not fire for: denied or failed
 * requests, subresource writes other than ephemeral containers (never a status write), and —
 * unless constructed otherwise — platform identities writing in platform namespaces (AKS add-ons
 * such as the CNI and CSI drivers run privileged by design).
 */
public final class PrivilegedContainer implements Detector {

    public static final DetectorSpec SPEC = DetectorSpec.of("privileged-container", DetectorGroup.WORKLOAD,
            Severity.HIGH, "Privilege Escalation", "T1611 Escape to Host",
            "Privileged container");

    private final boolean ignorePlatformInPlatformNamespaces;

    /** The catalogue default: platform identities writing in platform namespaces are ignored. */
    public PrivilegedContainer() {
        this(true);
    }

    public PrivilegedContainer(boolean ignorePlatformInPlatformNamespaces) {
        this.ignorePlatformInPlatformNamespaces = ignorePlatformInPlatformNamespaces;
    }

    @Override
    public DetectorSpec spec() {
        return SPEC;
    }

    @Override
    public Trigger trigger() {
        return PodSpecWrites.trigger();
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Facts.PodSpec podSpec = PodSpecWrites.examined(event, ignorePlatformInPlatformNamespaces);
        if (podSpec == null || podSpec.privilegedContainers().isEmpty()) {
            return;
        }
        List<String> privileged = podSpec.privilegedContainers();
        String root = WorkloadRoot.of(event.event());
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(summary(event, privileged, root))
                .workloadRoot(root);
        for (String container : privileged) {
            alert.detail("privileged container: " + container);
        }
        if (root != null) {
            alert.detail("workload: " + root);
        }
        if (!podSpec.images().isEmpty()) {
            alert.detail("images: " + String.join(", ", podSpec.images()));
        }
        alerts.accept(alert.build());
    }

    private static String summary(EventContext event, List<String> privileged, String root) {
        ResourceRef ref = event.event().resource();
        StringBuilder out = new StringBuilder(160)
                .append(Phrases.actor(event)).append(' ').append(Phrases.request(event))
                .append(privileged.size() == 1 ? " with privileged container " : " with privileged containers ")
                .append(String.join(", ", privileged))
                .append(" in ").append(Phrases.place(event));
        if (root != null && !root.equals(ref.name())) {
            out.append(" (workload ").append(root).append(')');
        }
        return out.toString();
    }
}
