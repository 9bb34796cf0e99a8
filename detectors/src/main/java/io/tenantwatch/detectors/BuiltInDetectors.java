package io.tenantwatch.detectors;

import io.tenantwatch.detectors.crosstenant.CrossTenantDenied;
import io.tenantwatch.detectors.crosstenant.CrossTenantExec;
import io.tenantwatch.detectors.crosstenant.CrossTenantRead;
import io.tenantwatch.detectors.crosstenant.CrossTenantSecretAccess;
import io.tenantwatch.detectors.crosstenant.CrossTenantWrite;
import io.tenantwatch.detectors.interactive.PodExec;
import io.tenantwatch.detectors.runtime.FalcoRuntime;
import io.tenantwatch.detectors.workload.PrivilegedContainer;
import java.util.List;

/** The catalogue of DETECTORS.md as implemented: one instance of every built-in detector. */
public final class BuiltInDetectors {

    private BuiltInDetectors() {}

    public static List<Detector> all() {
        return List.of(
                // A. Cross-tenant
                new CrossTenantRead(),
                new CrossTenantWrite(),
                new CrossTenantSecretAccess(),
                new CrossTenantExec(),
                new CrossTenantDenied(),
                // B. Privileged workloads
                new PrivilegedContainer(),
                // C. Interactive access
                new PodExec(),
                // G. Runtime (Falco)
                new FalcoRuntime());
    }
}
