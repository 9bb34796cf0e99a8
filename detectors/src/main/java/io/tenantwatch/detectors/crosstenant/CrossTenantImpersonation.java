package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.Severity;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code cross-tenant-impersonation}: someone of one tenant impersonates an identity of another
 * (their tenants are disjoint, both known). The impersonated identity is the actor; the
 * impersonator is in {@code actor.impersonatedBy}.
 *
 * <p>Why it matters: impersonation rights are rare and powerful; used across tenants they turn one
 * tenant's credentials into another's, and every request afterwards looks like the victim's own.
 *
 * <p>Does not fire for: impersonation within a tenant, or when either side has no known tenant
 * (platform automation, admins: {@code privileged-impersonation} covers the dangerous targets);
 * denied or failed requests.
 */
public final class CrossTenantImpersonation extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cross-tenant-impersonation",
            DetectorGroup.CROSS_TENANT,
            Severity.HIGH,
            "Privilege Escalation",
            "T1078 Valid Accounts",
            "Impersonation across tenants");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, CrossTenantImpersonation::new);

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public CrossTenantImpersonation() {
        super(SPEC, ANY_AUDIT);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Actor actor = event.actor();
        if (actor == null || actor.impersonatedBy() == null || !event.isAllowed()) {
            return;
        }
        Set<String> impersonated = Set.copyOf(event.event().actorTenants());
        String impersonator = actor.impersonatedBy();
        String kind = impersonator.startsWith(SERVICE_ACCOUNT_PREFIX)
                ? IdentityTenancy.KIND_SERVICE_ACCOUNT
                : IdentityTenancy.KIND_USER;
        Set<String> impersonatorTenants =
                event.tenancy().homeTenants(event.event().cluster(), kind, impersonator);
        if (impersonated.isEmpty()
                || impersonatorTenants.isEmpty()
                || impersonatorTenants.stream().anyMatch(impersonated::contains)) {
            return;
        }
        alerts.accept(AlertBuilder.of(SPEC, event)
                .summary(impersonator + " (tenant " + String.join(", ", impersonatorTenants) + ") impersonated "
                        + Phrases.actor(event) + " and " + Phrases.request(event) + " in " + Phrases.place(event))
                .detail("impersonator tenants: " + String.join(", ", impersonatorTenants))
                .detail("impersonated tenants: " + String.join(", ", impersonated))
                .build());
    }
}
