package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
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
public final class PrivilegedContainer extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "privileged-container",
            DetectorGroup.WORKLOAD,
            Severity.HIGH,
            "Privilege Escalation",
            "T1611 Escape to Host",
            "Privileged container");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(IGNORE_PLATFORM), p -> new PrivilegedContainer(p.bool(IGNORE_PLATFORM)));

    /** The catalogue default: platform identities writing in platform namespaces are ignored. */
    public PrivilegedContainer() {
        this(true);
    }

    public PrivilegedContainer(boolean ignorePlatformInPlatformNamespaces) {
        super(SPEC, ignorePlatformInPlatformNamespaces);
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        List<String> privileged = podSpec.privilegedContainers();
        if (privileged.isEmpty()) {
            return;
        }
        alerts.accept(WorkloadFindings.alertFor(
                SPEC,
                event,
                podSpec,
                WorkloadFindings.counted("privileged container", "privileged containers", privileged),
                privileged.stream()
                        .map(container -> "privileged container: " + container)
                        .toList()));
    }
}
