package io.tenantwatch.testkit.events;

import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.List;
import java.util.Map;

/**
 * Facts of the objects that tenancy itself is made of (RoleBindings and their subjects, Namespaces
 * with their labels and owners) as ingest extracts them, and an event carrying them: what the
 * tenancy-aware detectors judge (detectors' {@code Detect.withTenancy} runs them with a tenancy view).
 */
public final class TenancyEvents {

    private TenancyEvents() {}

    /** The event with these facts instead of its own. */
    public static NormalizedEvent withFacts(NormalizedEvent e, Facts facts) {
        return new NormalizedEvent(
                e.id(),
                e.source(),
                e.cluster(),
                e.clusterResourceId(),
                e.time(),
                e.auditId(),
                e.stage(),
                e.actor(),
                e.verb(),
                e.resource(),
                e.requestURI(),
                e.decision(),
                e.code(),
                e.sourceIPs(),
                e.userAgent(),
                e.annotations(),
                facts,
                e.falco(),
                e.targetTenant(),
                e.actorTenants(),
                e.tenancySource());
    }

    public static Facts roleBinding(String roleKind, String role, Facts.Subject... subjects) {
        return new Facts(
                null,
                new Facts.Rbac(
                        new Facts.RoleRef(roleKind, role, "rbac.authorization.k8s.io"), List.of(subjects), List.of()),
                null,
                null,
                null,
                null,
                null,
                List.of());
    }

    public static Facts namespace(
            Map<String, String> labels,
            Map<String, String> labelsSet,
            List<String> labelsRemoved,
            Facts.OwnerRef... owners) {
        return new Facts(
                null,
                null,
                null,
                null,
                null,
                new Facts.Namespace(labels, labelsSet, labelsRemoved),
                null,
                List.of(owners));
    }
}
