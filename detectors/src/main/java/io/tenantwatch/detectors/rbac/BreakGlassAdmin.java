package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.function.Consumer;

/**
 * {@code break-glass-admin}: an {@code admin}-class identity makes a request the API server allows:
 * {@code masterclient} (the AKS local admin account), any other non-platform member of
 * {@code system:masters}, or an identity the tenancy file lists among its admins.
 *
 * <p>Why it matters: admin credentials are for emergencies. {@code system:masters} is not subject
 * to RBAC, so nothing an admin does is denied, and the AKS local account is a shared certificate
 * that cannot be tied to a person ({@code az aks get-credentials --admin} hands it to anyone with
 * that Azure permission) and cannot be revoked short of rotating the cluster's certificates. Every
 * use should be known and explained; an unexplained one is a leaked kubeconfig.
 *
 * <p>Stateless part only. The catalogue raises this at most once per actor per hour, the evidence
 * counting the requests; that needs state, and is done by the stateful layer (issue "Windowed and
 * correlating detectors"), which rate-limits this detector's alerts per actor. This detector raises
 * on every admin request, with a fingerprint of detector, cluster and actor alone (no tenant,
 * namespace or resource), so that alert grouping already collapses the repeats of one actor into
 * one finding.
 *
 * <p>Does not fire for: platform identities, even in {@code system:masters} ({@code aksService});
 * {@code system:anonymous}, whatever groups it claims ({@code anonymous-access}); tenant members and
 * unattributed identities; requests that were denied or failed (an admin's session shows its
 * allowed requests too).
 */
public final class BreakGlassAdmin extends BaseDetector {

    static final java.time.Duration ONCE_PER = java.time.Duration.ofHours(1);

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "break-glass-admin",
            DetectorGroup.RBAC,
            Severity.MEDIUM,
            "Privilege Escalation",
            "T1078 Valid Accounts",
            "Break-glass admin credential used");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, BreakGlassAdmin::new);

    static final String AKS_LOCAL_ADMIN = "masterclient";
    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    public BreakGlassAdmin() {
        super(SPEC, ANY_AUDIT);
    }

    /** "At most once per actor per hour" (docs/detectors.md): the fingerprint names the actor. */
    @Override
    public java.time.Duration oncePer() {
        return ONCE_PER;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (event.actorClass() != ActorClass.ADMIN || !event.isAllowed()) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.actor(event) + " " + RbacRequests.request(event) + RbacRequests.where(event))
                .detail("admin: " + why(event.actor()))
                .fingerprintPerActor();
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    static String why(Actor actor) {
        if (AKS_LOCAL_ADMIN.equals(actor.username())) {
            return "the AKS local admin account (a shared certificate in system:masters): not tied to a person; "
                    + "find who ran az aks get-credentials --admin";
        }
        if (actor.groups().contains(PrivilegedImpersonation.MASTERS)) {
            return "member of system:masters: unrestricted, RBAC is not consulted";
        }
        return "listed among the tenancy file's admins (users or groups)";
    }
}
