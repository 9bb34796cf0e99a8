package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code host-path-in-tenant-namespace}: a non-platform identity creates, updates or patches a pod
 * or pod template in a tenant's namespace with any {@code hostPath} volume, whatever the path, and
 * the API server allows it.
 *
 * <p>Why it matters: the Pod Security Standards' baseline profile, the least a shared cluster
 * should enforce on its tenants, forbids every hostPath, not only the sensitive ones. On nodes
 * that tenants share, a node-local directory outlives the pod and is visible to the next pod of any
 * tenant that mounts it: a channel between tenants, a place to leave tools for later, and a way to
 * fill the node's disk. A tenant workload with a hostPath also shows that the namespace is not held
 * to the baseline profile. The details list every path; {@code sensitive-host-mount} raises beside
 * it when a path is also on the node's sensitive list (the escape, at high severity; this is the
 * policy breach).
 *
 * <p>Does not fire for: platform and unmapped namespaces (node agents, CSI drivers and log
 * collectors mount host paths by design there); platform identities anywhere (the replicaset or
 * daemonset controller creating the pods of a tenant's workload is not a second finding: the
 * tenant's own write is); paths at or under an entry of {@code allowedPaths} (compared as the node
 * resolves them, like {@code sensitive-host-mount}), empty by default; reads; denied or failed
 * writes; subresource writes other than ephemeral containers.
 */
public final class HostPathInTenantNamespace extends PodSpecWrites.PodSpecDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "host-path-in-tenant-namespace",
            DetectorGroup.WORKLOAD,
            Severity.MEDIUM,
            "Privilege Escalation",
            "T1611 Escape to Host",
            "hostPath volume in a tenant namespace");

    static final ParamSpec ALLOWED_PATHS = ParamSpec.stringList(
            "allowedPaths", List.of(), "hostPath paths tenants may mount, at or under them; none by default.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC, List.of(ALLOWED_PATHS), p -> new HostPathInTenantNamespace(p.stringList(ALLOWED_PATHS)));

    private final List<String> allowed;

    /** The catalogue default: no hostPath is allowed in a tenant's namespace. */
    public HostPathInTenantNamespace() {
        this(List.of());
    }

    /** @param allowedPaths host paths tenants may mount, at or under them */
    public HostPathInTenantNamespace(List<String> allowedPaths) {
        super(SPEC, true);
        this.allowed = allowedPaths.stream()
                .filter(p -> p != null && !p.isBlank())
                .map(SensitiveHostMount::canonical)
                .toList();
    }

    @Override
    void examine(EventContext event, Facts.PodSpec podSpec, Consumer<Alert> alerts) {
        if (podSpec.hostPaths().isEmpty() || !event.inTenantNamespace() || event.isPlatformActor()) {
            return;
        }
        List<String> found = new ArrayList<>(podSpec.hostPaths().size());
        for (String hostPath : podSpec.hostPaths()) {
            if (hostPath != null && !hostPath.isBlank() && !found.contains(hostPath) && !isAllowed(hostPath)) {
                found.add(hostPath);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<String> details = new ArrayList<>(found.size() + 1);
        found.forEach(path -> details.add("hostPath: " + path));
        details.add("policy: Pod Security baseline forbids every hostPath; on shared nodes the path is "
                + "visible to any tenant's pod that mounts it");
        alerts.accept(WorkloadFindings.alertFor(
                SPEC, event, podSpec, WorkloadFindings.counted("hostPath", "hostPaths", found), details));
    }

    private boolean isAllowed(String hostPath) {
        String path = SensitiveHostMount.canonical(hostPath);
        for (String entry : allowed) {
            if (path.equals(entry) || path.startsWith(entry.equals("/") ? "/" : entry + "/")) {
                return true;
            }
        }
        return false;
    }
}
