package io.tenantwatch.detectors.rbac;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code wildcard-role} and {@code sensitive-role} share: both read the rules of a Role or
 * ClusterRole that a non-platform identity was allowed to create, update or patch (deletes grant
 * nothing; the RBAC aggregation controller and AKS fill roles all day), and both end their evidence
 * the same way: the role's scope, then the RBAC grant that allowed the write. Each decides only
 * whether the rules are its finding and how to tell it ({@link RoleRules}).
 */
abstract class RoleWriteDetector extends BaseDetector {

    private static final Trigger ROLES = Trigger.audit("roles", "clusterroles");

    RoleWriteDetector(DetectorSpec spec) {
        super(spec, ROLES);
    }

    /**
     * The alert with its summary and this detector's own details, or null when the rules are not
     * this detector's finding.
     */
    abstract AlertBuilder finding(EventContext event, List<Facts.Rule> rules, boolean clusterRole);

    @Override
    public final void examine(EventContext event, Consumer<Alert> alerts) {
        if (!event.apiGroupIs(RbacRequests.RBAC_GROUP) || !event.isAllowedObjectWriteByNonPlatform()) {
            return;
        }
        Facts.Rbac rbac = RbacRequests.rbac(event);
        if (rbac == null) {
            return;
        }
        boolean clusterRole = "clusterroles".equals(event.resource());
        AlertBuilder alert = finding(event, rbac.rules(), clusterRole);
        if (alert == null) {
            return;
        }
        alert.detail(RoleScope.of(event, clusterRole));
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }
}
