package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Severity;

/**
 * {@code cross-tenant-denied}: a tenant member's request into another tenant's namespace is
 * refused (decision forbid, or HTTP 401/403).
 *
 * <p>Why it matters: the boundary held, but someone tried it. One denial is often a mistyped
 * namespace; several in a row are an identity probing what it can reach, the first step before a
 * grant is abused (the stateful {@code forbidden-burst} counts them). Low severity on its own.
 *
 * <p>Does not fire for: non-tenant-member actors (the refusals of anonymous and unattributed ones
 * are {@code denied-by-unknown-identity}'s), an identity that is also a member of the target
 * tenant, platform or unmapped namespaces, allowed requests (the other group A detectors), and
 * failures that are not a refusal (404, 409, 5xx).
 */
public final class CrossTenantDenied extends CrossTenantDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-denied",
            DetectorGroup.CROSS_TENANT,
            Severity.LOW,
            "Discovery",
            "T1613 Container and Resource Discovery",
            "Cross-tenant request denied");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantDenied::new);

    public CrossTenantDenied() {
        super(SPEC);
    }

    @Override
    boolean matches(EventContext event) {
        // Not crossTenantAccess(): that classifies allowed requests only.
        return event.isDenied() && event.namespace() != null && event.isCrossTenant();
    }

    @Override
    String summary(EventContext event) {
        Integer code = event.event().code();
        String verb = event.verb() == null ? "a request" : event.verb();
        return Phrases.actor(event) + " was denied " + verb + " on "
                + Phrases.object(event.event().resource(), true) + " in " + Phrases.place(event)
                + (code == null ? "" : " (HTTP " + code + ")");
    }
}
