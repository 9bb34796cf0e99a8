package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.CrossTenantAccess;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Severity;

/**
 * {@code cross-tenant-write}: a tenant member creates, updates, patches or deletes a resource (other
 * than a Secret) in another tenant's namespace, and the API server allows it.
 *
 * <p>Why it matters: one tenant changing another's objects can deploy code into the neighbour's
 * namespace (and so run with its service accounts and network reach), tamper with its
 * configuration or destroy its workloads. In a multi-tenant cluster no tenant identity should hold
 * such a grant; when one does, the summary names it.
 *
 * <p>Does not fire for: non-tenant-member actors, an identity that is also a member of the target
 * tenant, platform or unmapped namespaces, requests that were denied or failed (409, 422, 5xx);
 * Secrets and exec-like subresources go to {@code cross-tenant-secret-access} and
 * {@code cross-tenant-exec}, which take precedence.
 */
public final class CrossTenantWrite extends CrossTenantDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-write",
            DetectorGroup.CROSS_TENANT,
            Severity.HIGH,
            "Impact",
            "T1565 Data Manipulation",
            "Cross-tenant write");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantWrite::new);

    public CrossTenantWrite() {
        super(SPEC);
    }

    @Override
    boolean matches(EventContext event) {
        return event.crossTenantAccess() == CrossTenantAccess.WRITE;
    }
}
