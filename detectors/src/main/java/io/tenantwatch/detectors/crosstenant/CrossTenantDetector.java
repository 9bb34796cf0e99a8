package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.schemas.Alert;
import java.util.function.Consumer;

/**
 * What the group A request detectors share: any audit event may cross a tenant boundary, so they
 * all take every audit resource; each decides only whether the event is its kind of crossing, and
 * all describe it the same way (who, which tenants, what, where, and the RBAC grant that allowed it,
 * which is what an analyst has to remove).
 */
abstract class CrossTenantDetector extends BaseDetector {

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();

    CrossTenantDetector(DetectorSpec spec) {
        super(spec, ANY_AUDIT);
    }

    /** True when the event is this detector's kind of cross-tenant request. */
    abstract boolean matches(EventContext event);

    /** The one-line summary; by default {@code <actor> <did what> in <namespace of tenant>}. */
    String summary(EventContext event) {
        return Phrases.requestSummary(event);
    }

    /** Detector-specific evidence beyond the tenants and the authorization reason. */
    void addDetails(EventContext event, AlertBuilder alert) {}

    @Override
    public final void examine(EventContext event, Consumer<Alert> alerts) {
        if (!matches(event)) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(spec(), event)
                .summary(summary(event))
                .detail("actor tenants: " + String.join(", ", event.event().actorTenants()))
                .detail("target tenant: " + event.targetTenant());
        alert.authorizationDetail();
        addDetails(event, alert);
        alerts.accept(alert.build());
    }
}
