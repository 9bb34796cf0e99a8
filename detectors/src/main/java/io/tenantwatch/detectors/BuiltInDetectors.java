package io.tenantwatch.detectors;

import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.Params;
import io.tenantwatch.detectors.controlplane.ControlPlaneDetectors;
import io.tenantwatch.detectors.crosstenant.BoundaryDetectors;
import io.tenantwatch.detectors.crosstenant.CrossTenantBinding;
import io.tenantwatch.detectors.crosstenant.CrossTenantDenied;
import io.tenantwatch.detectors.crosstenant.CrossTenantExec;
import io.tenantwatch.detectors.crosstenant.CrossTenantImpersonation;
import io.tenantwatch.detectors.crosstenant.CrossTenantRead;
import io.tenantwatch.detectors.crosstenant.CrossTenantSecretAccess;
import io.tenantwatch.detectors.crosstenant.CrossTenantWrite;
import io.tenantwatch.detectors.crosstenant.TenancyConflict;
import io.tenantwatch.detectors.crosstenant.TenantBoundaryChange;
import io.tenantwatch.detectors.crosstenant.UnmappedNamespace;
import io.tenantwatch.detectors.interactive.InteractiveDetectors;
import io.tenantwatch.detectors.rbac.RbacDetectors;
import io.tenantwatch.detectors.runtime.FalcoRuntime;
import io.tenantwatch.detectors.stateful.StatefulDetectors;
import io.tenantwatch.detectors.workload.WorkloadDetectors;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of docs/detectors.md as implemented: every built-in detector's definition (its spec,
 * the parameters operators may tune, how to build it), in catalogue order, one group after another.
 */
public final class BuiltInDetectors {

    private BuiltInDetectors() {}

    public static List<DetectorDefinition> definitions() {
        List<DetectorDefinition> all = new ArrayList<>();
        // A. Cross-tenant
        all.add(DetectorDefinition.of(CrossTenantRead.SPEC, CrossTenantRead::new));
        all.add(DetectorDefinition.of(CrossTenantWrite.SPEC, CrossTenantWrite::new));
        all.add(DetectorDefinition.of(CrossTenantSecretAccess.SPEC, CrossTenantSecretAccess::new));
        all.add(DetectorDefinition.of(CrossTenantExec.SPEC, CrossTenantExec::new));
        all.add(DetectorDefinition.of(CrossTenantDenied.SPEC, CrossTenantDenied::new));
        all.add(DetectorDefinition.of(CrossTenantBinding.SPEC, CrossTenantBinding::new));
        all.add(DetectorDefinition.of(CrossTenantImpersonation.SPEC, CrossTenantImpersonation::new));
        all.add(DetectorDefinition.of(TenantBoundaryChange.SPEC, TenantBoundaryChange::new));
        all.addAll(BoundaryDetectors.definitions());
        all.add(DetectorDefinition.of(UnmappedNamespace.SPEC, UnmappedNamespace::new));
        all.add(DetectorDefinition.of(TenancyConflict.SPEC, TenancyConflict::new));
        // B. Privileged workloads
        all.addAll(WorkloadDetectors.definitions());
        // C. Interactive access
        all.addAll(InteractiveDetectors.definitions());
        // D. RBAC and identity
        all.addAll(RbacDetectors.definitions());
        // E. Control plane and defence evasion
        all.addAll(ControlPlaneDetectors.definitions());
        // F. Stateful and correlating
        all.addAll(StatefulDetectors.definitions());
        // G. Runtime (Falco)
        all.add(DetectorDefinition.of(FalcoRuntime.SPEC, FalcoRuntime::new));
        return List.copyOf(all);
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
