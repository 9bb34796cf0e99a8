package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.CrossTenantAccess;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Severity;

/**
 * {@code cross-tenant-secret-access}: a tenant member touches Secrets (any verb: read, list,
 * watch, create, change, delete) in another tenant's namespace, and the API server allows it.
 *
 * <p>Why it matters: Secrets hold the other tenant's database passwords, registry credentials,
 * TLS keys and service-account tokens; reading one hands over that tenant's identity beyond the
 * cluster. Writing one can plant credentials the neighbour's workloads will trust. It is the most
 * severe boundary crossing and takes precedence over read and write.
 *
 * <p>Does not fire for: non-tenant-member actors (cluster-wide secret listing by anyone is
 * {@code cluster-wide-secret-list}), an identity that is also a member of the target tenant,
 * platform or unmapped namespaces, requests that were denied or failed.
 */
public final class CrossTenantSecretAccess extends CrossTenantDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-secret-access",
            DetectorGroup.CROSS_TENANT,
            Severity.CRITICAL,
            "Credential Access",
            "T1552.007 Container API",
            "Cross-tenant secret access");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantSecretAccess::new);

    public CrossTenantSecretAccess() {
        super(SPEC);
    }

    @Override
    boolean matches(EventContext event) {
        return event.crossTenantAccess() == CrossTenantAccess.SECRET;
    }
}
