package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code host-namespace-sharing}: a pod or pod template is created, updated or patched with
 * {@code hostNetwork}, {@code hostPID} or {@code hostIPC} set (Falco's "Create HostNetwork Pod",
 * and the PSP tests' host PID and host IPC pods).
 *
 * <p>Why it matters: the pod leaves its sandbox for the node's. With {@code hostNetwork} it
 * listens and sniffs on the node's interfaces, reaches the kubelet and the instance metadata
 * service as the node, and bypasses every NetworkPolicy that separates tenants. With
 * {@code hostPID} it sees, signals and (with ptrace) enters every process on the node, other
 * tenants' containers included; {@code nsenter -t 1} is a root shell on the host. With
 * {@code hostIPC} it reads other workloads' shared memory.
 *
 * <p>Raises on any writer, controllers included; the fingerprint names the workload root. Does not
 * fire for: pods that share none of the three (the default), reads, denied or failed writes,
 * subresource writes other than ephemeral containers, and — unless constructed otherwise —
 * platform identities writing in platform namespaces (CNI, kube-proxy and node agents run on the
 * host network by design).
 */
public final class HostNamespaceSharing extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "host-namespace-sharing",
            DetectorGroup.WORKLOAD,
            Severity.HIGH,
            "Privilege Escalation",
            "T1611 Escape to Host",
            "Pod shares the node's network, PID or IPC namespace");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(IGNORE_PLATFORM), p -> new HostNamespaceSharing(p.bool(IGNORE_PLATFORM)));

    /** The catalogue default: platform identities writing in platform namespaces are ignored. */
    public HostNamespaceSharing() {
        this(true);
    }

    public HostNamespaceSharing(boolean ignorePlatformInPlatformNamespaces) {
        super(SPEC, ignorePlatformInPlatformNamespaces);
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        if (!(podSpec.hostNetwork() || podSpec.hostPID() || podSpec.hostIPC())) {
            return;
        }
        List<String> shared = new ArrayList<>(3);
        if (podSpec.hostNetwork()) {
            shared.add("hostNetwork");
        }
        if (podSpec.hostPID()) {
            shared.add("hostPID");
        }
        if (podSpec.hostIPC()) {
            shared.add("hostIPC");
        }
        alerts.accept(WorkloadFindings.alertFor(
                SPEC,
                event,
                podSpec,
                String.join(", ", shared),
                shared.stream().map(namespace -> "host namespace: " + namespace).toList()));
    }
}
