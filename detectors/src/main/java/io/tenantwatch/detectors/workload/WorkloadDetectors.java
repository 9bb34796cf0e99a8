package io.tenantwatch.detectors.workload;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/**
 * Group B of the catalogue (docs/detectors.md, "Privileged workloads"), in catalogue order. The
 * pod-spec detectors share their platform switch through {@link PodSpecWrites.PodSpecDetector}.
 */
public final class WorkloadDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            PrivilegedContainer.DEFINITION,
            SensitiveHostMount.DEFINITION,
            HostPathInTenantNamespace.DEFINITION,
            HostNamespaceSharing.DEFINITION,
            DangerousCapabilities.DEFINITION,
            WorkloadInSystemNamespace.DEFINITION,
            TenantDaemonsetCreated.DEFINITION,
            CronjobByOutsider.DEFINITION,
            SuspiciousImage.DEFINITION,
            UntrustedRegistry.DEFINITION);

    private WorkloadDetectors() {}
}
