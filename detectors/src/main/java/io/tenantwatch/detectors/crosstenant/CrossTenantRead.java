package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.CrossTenantAccess;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Severity;

/**
 * {@code cross-tenant-read}: a tenant member gets, lists or watches a resource (other than a
 * Secret) in another tenant's namespace, and the API server allows it.
 *
 * <p>Why it matters: namespaces are the tenancy boundary, and a read across it is either an RBAC
 * grant wider than intended (a RoleBinding to a group that spans tenants, a ClusterRole bound
 * cluster-wide) or a stolen identity mapping the neighbour's workloads before moving on. The
 * summary names the grant the API server used, which is the thing to fix.
 *
 * <p>Does not fire for: platform, admin, unattributed or anonymous actors (never cross-tenant by
 * definition); an identity that is also a member of the target tenant; platform or unmapped
 * namespaces; denied requests ({@code cross-tenant-denied}) or other failures such as 404; Secrets
 * ({@code cross-tenant-secret-access}) and exec-like subresources ({@code cross-tenant-exec}),
 * which take precedence.
 */
public final class CrossTenantRead extends CrossTenantDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-read",
            DetectorGroup.CROSS_TENANT,
            Severity.MEDIUM,
            "Discovery",
            "T1613 Container and Resource Discovery",
            "Cross-tenant read");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantRead::new);

    public CrossTenantRead() {
        super(SPEC);
    }

    @Override
    boolean matches(EventContext event) {
        return event.crossTenantAccess() == CrossTenantAccess.READ;
    }
}
