package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.Detector;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.NormalizedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events for the tenancy-aware group A detectors: RoleBinding and Namespace bodies as ingest
 * extracts them, run with the fixtures' tenancy view (so detectors can ask whose a subject is).
 */
public final class TenancyEvents {

    private TenancyEvents() {}

    /** The event with these facts instead of its own. */
    public static NormalizedEvent withFacts(NormalizedEvent e, Facts facts) {
        return new NormalizedEvent(e.id(), e.source(), e.cluster(), e.clusterResourceId(), e.time(), e.auditId(), e.stage(),
                e.actor(), e.verb(), e.resource(), e.requestURI(), e.decision(), e.code(), e.sourceIPs(), e.userAgent(),
                e.annotations(), facts, e.falco(), e.targetTenant(), e.actorTenants(), e.tenancySource());
    }

    public static Facts roleBinding(String roleKind, String role, Facts.Subject... subjects) {
        return new Facts(null, new Facts.Rbac(new Facts.RoleRef(roleKind, role, "rbac.authorization.k8s.io"), List.of(subjects), List.of()),
                null, null, null, null, null, List.of());
    }

    public static Facts namespace(Map<String, String> labels, Map<String, String> labelsSet, List<String> labelsRemoved,
                                  Facts.OwnerRef... owners) {
        return new Facts(null, null, null, null, null, new Facts.Namespace(labels, labelsSet, labelsRemoved), null, List.of(owners));
    }

    /** Runs one detector with the fixtures' tenancy view; every alert is checked against the contract. */
    public static List<Alert> detect(Detector detector, NormalizedEvent event) {
        List<Alert> alerts = new ArrayList<>();
        EventContext context = new EventContext(event, TenancyFixtures.ATTRIBUTOR);
        if (detector.trigger().resources().isEmpty() || detector.trigger().resources().contains(context.resource())) {
            detector.examine(context, alerts::add);
        }
        alerts.forEach(a -> {
            List<String> problems = ContractSchemas.ALERT.problems(a);
            if (!problems.isEmpty()) {
                throw new AssertionError("alert breaks the contract: " + problems);
            }
        });
        return alerts;
    }
}
