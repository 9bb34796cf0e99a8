package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/**
 * Group A of the catalogue (docs/detectors.md, "Cross-tenant"), in catalogue order: the detectors
 * that classify one request across a tenant boundary, then those that guard the boundary itself,
 * then the namespaces the tenancy cannot place.
 */
public final class CrossTenantDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            CrossTenantRead.DEFINITION,
            CrossTenantWrite.DEFINITION,
            CrossTenantSecretAccess.DEFINITION,
            CrossTenantExec.DEFINITION,
            CrossTenantDenied.DEFINITION,
            CrossTenantBinding.DEFINITION,
            CrossTenantImpersonation.DEFINITION,
            TenantBoundaryChange.DEFINITION,
            NetworkIsolationRemoved.DEFINITION,
            ClusterWideSecretList.DEFINITION,
            UnmappedNamespace.DEFINITION,
            TenancyConflict.DEFINITION);

    private CrossTenantDetectors() {}
}
