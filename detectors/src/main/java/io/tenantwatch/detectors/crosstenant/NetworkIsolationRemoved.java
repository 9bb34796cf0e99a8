package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code network-isolation-removed}: in a tenant's namespace, a non-platform identity deletes a
 * NetworkPolicy (or all of them, deletecollection), or updates or patches one so that it selects
 * every pod of the namespace and allows ingress from anywhere, and the API server allows it.
 *
 * <p>Why it matters: NetworkPolicies are the network half of the tenant boundary; namespaces alone
 * do not stop one tenant's pods from connecting to another's. Removing the namespace's default-deny
 * policy, or turning it into allow-all, opens every pod of the tenant to every other pod of the
 * cluster, a compromised neighbour included, without any pod or Service changing. Policies are
 * additive, so one allow-all rule over every pod cancels all the others.
 *
 * <p>A write counts as allow-all when the facts ingest read from its body say both: it selects
 * every pod (an empty {@code podSelector}) and an ingress rule has no {@code from}. A patch whose
 * body does not carry the {@code podSelector} is judged on what it carries (audit NetworkPolicies at
 * RequestResponse level to judge the stored object).
 *
 * <p>Does not fire for: platform identities (the platform's GitOps operator reconciling the
 * baseline policies); policies in platform or unmapped namespaces; creates (the catalogue row covers
 * deleting or changing a policy; an allow-all policy created beside a default-deny one has the same
 * effect and is a known gap); updates that keep a pod selector or ingress sources; writes that were
 * denied or failed (a 404 for a policy already gone); Calico, Cilium or other custom policy kinds,
 * whose bodies ingest does not read. A tenant member removing isolation in another tenant's namespace also raises
 * {@code cross-tenant-write}: that one says who crossed, this one what was opened.
 */
public final class NetworkIsolationRemoved extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "network-isolation-removed",
            DetectorGroup.CROSS_TENANT,
            Severity.MEDIUM,
            "Defense Evasion",
            "T1562.007 Disable or Modify Cloud Firewall",
            "Tenant network isolation removed");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, NetworkIsolationRemoved::new);

    /** The groups that serve Kubernetes NetworkPolicies (extensions/v1beta1 until Kubernetes 1.16). */
    static final Set<String> API_GROUPS = Set.of("networking.k8s.io", "extensions");

    private static final Set<String> DELETES = Set.of("delete", "deletecollection");
    private static final Set<String> CHANGES = Set.of("update", "patch");
    private static final Trigger NETWORK_POLICIES = Trigger.audit("networkpolicies");

    public NetworkIsolationRemoved() {
        super(SPEC, NETWORK_POLICIES);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String verb = event.verb();
        if (verb == null
                || event.subresource() != null
                || !API_GROUPS.contains(event.event().resource().apiGroup())
                || !event.inTenantNamespace()
                || !event.isAllowed()
                || event.isPlatformActor()) {
            return;
        }
        boolean deleted = DELETES.contains(verb);
        if (!deleted
                && !(CHANGES.contains(verb)
                        && opensEverything(event.event().facts().networkPolicy()))) {
            return;
        }
        String summary = Phrases.requestSummary(event)
                + (deleted ? "" : " so that it allows ingress from anywhere to every pod");
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(summary)
                .detail("change: "
                        + (deleted
                                ? ("deletecollection".equals(verb)
                                        ? "every NetworkPolicy of the namespace removed"
                                        : "NetworkPolicy removed")
                                : "NetworkPolicy now selects every pod and admits ingress from any source"))
                .detail("actor tenants: " + String.join(", ", event.event().actorTenants()))
                .detail("target tenant: " + event.targetTenant());
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    private static boolean opensEverything(Facts.NetworkPolicy policy) {
        return policy != null && policy.selectsAllPods() && policy.allowsAllIngress();
    }
}
