package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.config.DetectorDefinition;
import java.util.List;

/**
 * Group D of the catalogue (docs/detectors.md, "RBAC and identity"), in catalogue order.
 * {@code rbac-then-workload} starts its sequences on these detectors' alerts by default.
 */
public final class RbacDetectors {

    public static final List<DetectorDefinition> DEFINITIONS = List.of(
            ClusterAdminBinding.DEFINITION,
            ClusterWideBroadBinding.DEFINITION,
            WildcardRole.DEFINITION,
            SensitiveRole.DEFINITION,
            SystemRoleModified.DEFINITION,
            PrivilegedImpersonation.DEFINITION,
            AnonymousAccess.DEFINITION,
            BreakGlassAdmin.DEFINITION,
            TokenRequest.DEFINITION,
            PlatformTokenForTenant.DEFINITION,
            CredentialFromOutside.DEFINITION,
            CsrActivity.DEFINITION,
            AccessReviewByWorkload.DEFINITION);

    private RbacDetectors() {}
}
