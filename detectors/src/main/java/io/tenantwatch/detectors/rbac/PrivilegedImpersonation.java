package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code privileged-impersonation}: a request made with {@code kubectl --as} / {@code --as-group}
 * (Impersonate-* headers) as a privileged identity, and the API server allows it: the group
 * {@code system:masters}, a node ({@code system:node:*}), a service account of {@code kube-system},
 * or an admin (actor class {@code admin}: masterclient, and the tenancy file's admins, which is
 * where admins are configured).
 *
 * <p>Why it matters: impersonation turns whoever holds the {@code impersonate} verb into whomever
 * they name. As {@code system:masters} RBAC is not even consulted; as a node the kubelet's reach
 * (the Secrets and pods of its node); as a kube-system controller its cluster-wide permissions; as an
 * admin the break-glass power, without the break-glass credential. The impersonated identity is the
 * actor (docs/detectors.md, "Impersonation"), so the summary names both: who asked, and as whom.
 *
 * <p>This row says otherwise than the group's rule on platform actors: a node or a kube-system
 * service account is a platform identity, and impersonating one is exactly the finding, so the
 * class of the impersonated actor silences nothing. Impersonators that do this by design (an
 * authenticating proxy) are listed in the {@code trustedImpersonators} parameter (exact usernames,
 * empty by default), since detector exceptions match the actor, which is the impersonated identity.
 *
 * <p>Does not fire for: requests without impersonation (an admin acting as itself is
 * {@code break-glass-admin}); impersonation of unprivileged identities (a tenant developer checking
 * what a tenant's service account may do); requests that were denied or failed. A denied
 * impersonation attempt is not a privilege gained: the API server refuses it before the request
 * runs, and the denial counts towards {@code forbidden-burst}.
 */
public final class PrivilegedImpersonation extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "privileged-impersonation",
            DetectorGroup.RBAC,
            Severity.HIGH,
            "Privilege Escalation",
            "T1078 Valid Accounts",
            "Impersonation of a privileged identity");

    static final ParamSpec TRUSTED_IMPERSONATORS = ParamSpec.stringList(
            "trustedImpersonators",
            List.of(),
            "Identities (e.g. an authenticating proxy's service account) whose impersonation is expected.");
    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(TRUSTED_IMPERSONATORS),
            p -> new PrivilegedImpersonation(p.stringList(TRUSTED_IMPERSONATORS)));

    static final String MASTERS = "system:masters";
    static final String NODE_PREFIX = "system:node:";
    static final String KUBE_SYSTEM_SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:kube-system:";
    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    private final Set<String> trustedImpersonators;

    /** The catalogue default: no impersonator is trusted. */
    public PrivilegedImpersonation() {
        this(List.of());
    }

    /** @param trustedImpersonators usernames that impersonate by design (exact, case-sensitive) */
    public PrivilegedImpersonation(List<String> trustedImpersonators) {
        super(SPEC, ANY_AUDIT);
        this.trustedImpersonators = Set.copyOf(trustedImpersonators);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Actor actor = event.actor();
        if (actor == null
                || actor.impersonatedBy() == null
                || !event.isAllowed()
                || trustedImpersonators.contains(actor.impersonatedBy())) {
            return;
        }
        List<Privilege> privileges = privileges(actor, event.actorClass());
        if (privileges.isEmpty()) {
            return;
        }
        List<String> briefly = new ArrayList<>(privileges.size());
        privileges.forEach(p -> briefly.add(p.brief()));
        String username = actor.username() == null ? "an unknown identity" : actor.username();
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(actor.impersonatedBy() + " acted as " + username + " (" + String.join(", ", briefly) + ") and "
                        + RbacRequests.request(event) + RbacRequests.where(event))
                .detail("impersonator: " + actor.impersonatedBy())
                .detail("impersonated user: " + username);
        if (!actor.groups().isEmpty()) {
            alert.detail("impersonated groups: " + String.join(", ", actor.groups()));
        }
        for (Privilege p : privileges) {
            alert.detail("privileged: " + p.detail());
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    /** Why an identity is privileged: a few words for the summary, and the detail. */
    record Privilege(String brief, String detail) {}

    /** Why the impersonated identity is privileged; empty when it is not. */
    static List<Privilege> privileges(Actor actor, ActorClass actorClass) {
        List<Privilege> reasons = new ArrayList<>(2);
        String username = actor.username() == null ? "" : actor.username();
        boolean masters = actor.groups().contains(MASTERS);
        if (masters) {
            reasons.add(
                    new Privilege("group " + MASTERS, "group " + MASTERS + ": unrestricted, RBAC is not consulted"));
        }
        if (username.startsWith(NODE_PREFIX)) {
            reasons.add(new Privilege(
                    "a node",
                    "node identity: the kubelet's access to the Secrets, pods and volumes of node "
                            + username.substring(NODE_PREFIX.length())));
        }
        if (username.startsWith(KUBE_SYSTEM_SERVICE_ACCOUNT_PREFIX)
                || ("kube-system".equals(actor.serviceAccountNamespace()) && RbacRequests.isServiceAccount(actor))) {
            reasons.add(new Privilege(
                    "a kube-system service account",
                    "kube-system service account: a control-plane component's cluster-wide permissions"));
        }
        if (actorClass == ActorClass.ADMIN && !masters) {
            reasons.add(new Privilege(
                    "an admin",
                    "admin: "
                            + ("masterclient".equals(username)
                                    ? "the AKS local admin account"
                                    : "listed among the tenancy file's admins (users or groups)")));
        }
        return reasons;
    }
}
