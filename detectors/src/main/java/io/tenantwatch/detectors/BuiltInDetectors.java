package io.tenantwatch.detectors;

import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.detectors.crosstenant.CrossTenantBinding;
import io.tenantwatch.detectors.crosstenant.CrossTenantDenied;
import io.tenantwatch.detectors.crosstenant.CrossTenantExec;
import io.tenantwatch.detectors.crosstenant.CrossTenantImpersonation;
import io.tenantwatch.detectors.crosstenant.CrossTenantRead;
import io.tenantwatch.detectors.crosstenant.CrossTenantSecretAccess;
import io.tenantwatch.detectors.crosstenant.CrossTenantWrite;
import io.tenantwatch.detectors.crosstenant.TenantBoundaryChange;
import io.tenantwatch.detectors.interactive.PodExec;
import io.tenantwatch.detectors.runtime.FalcoRuntime;
import io.tenantwatch.detectors.workload.PrivilegedContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of DETECTORS.md as implemented: every built-in detector's definition (its spec,
 * the parameters operators may tune, how to build it), in catalogue order.
 */
public final class BuiltInDetectors {

    static final ParamSpec POD_EXEC_INCLUDE_OWN_TENANT = ParamSpec.bool("includeOwnTenant", false,
            "Also raise when a tenant member execs into its own tenant's pods.");

    private BuiltInDetectors() {}

    public static List<DetectorDefinition> definitions() {
        return List.of(
                // A. Cross-tenant
                DetectorDefinition.of(CrossTenantRead.SPEC, CrossTenantRead::new),
                DetectorDefinition.of(CrossTenantWrite.SPEC, CrossTenantWrite::new),
                DetectorDefinition.of(CrossTenantSecretAccess.SPEC, CrossTenantSecretAccess::new),
                DetectorDefinition.of(CrossTenantExec.SPEC, CrossTenantExec::new),
                DetectorDefinition.of(CrossTenantDenied.SPEC, CrossTenantDenied::new),
                DetectorDefinition.of(CrossTenantBinding.SPEC, CrossTenantBinding::new),
                DetectorDefinition.of(CrossTenantImpersonation.SPEC, CrossTenantImpersonation::new),
                DetectorDefinition.of(TenantBoundaryChange.SPEC, TenantBoundaryChange::new),
                // B. Privileged workloads
                DetectorDefinition.of(PrivilegedContainer.SPEC, PrivilegedContainer::new),
                // C. Interactive access
                new DetectorDefinition(PodExec.SPEC, List.of(POD_EXEC_INCLUDE_OWN_TENANT),
                        params -> new PodExec(params.bool(POD_EXEC_INCLUDE_OWN_TENANT))),
                // G. Runtime (Falco)
                DetectorDefinition.of(FalcoRuntime.SPEC, FalcoRuntime::new));
    }

    /** Every built-in detector with its default parameters. */
    public static List<Detector> all() {
        List<Detector> detectors = new ArrayList<>();
        for (DetectorDefinition d : definitions()) {
            detectors.add(d.factory().apply(Params.defaults()));
        }
        return List.copyOf(detectors);
    }
}
